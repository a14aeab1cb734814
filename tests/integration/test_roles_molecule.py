"""`molecule test` for every role (default scenario: simulator, converge, idempotence, verify), from pytest.

The scenarios share their create/destroy playbooks (tests/molecule/). Each run gets an ephemeral
directory of its own, so two checkouts (or two pytest workers) never share a scenario's state.
"""

import os
import shutil
import subprocess
import sys

import pytest

from testlib.collection import BIN, REPO, linked_collections_root

ROLES = ("promote", "tag", "backup", "airgap", "rollback")
# Every role on the documented LifeTime; the roles that name versions also on one sending the swagger-only fields
# (BaseApplicationVersionLabel...). The scenarios' simulators read LIFETIME_SIM_PROFILE.
SCENARIOS = [(role, "documented") for role in ROLES] + [("promote", "swagger"), ("tag", "swagger")]


@pytest.mark.skipif(not (BIN / "molecule").exists() and not shutil.which("molecule"), reason="molecule is not installed")
@pytest.mark.parametrize("role, profile", SCENARIOS)
def test_molecule_default_scenario(role, profile, tmp_path):
    environment = dict(os.environ)
    environment.update({
        "PATH": "%s%s%s" % (BIN, os.pathsep, environment.get("PATH", "")),
        "ANSIBLE_COLLECTIONS_PATH": str(linked_collections_root()),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
        "MOLECULE_EPHEMERAL_DIRECTORY": str(tmp_path / "molecule"),
        "MOLECULE_NO_LOG": "false",
        "NO_COLOR": "1",
        "LIFETIME_SIM_PROFILE": profile,
    })
    environment.pop("ANSIBLE_CONFIG", None)
    molecule = str(BIN / "molecule") if (BIN / "molecule").exists() else shutil.which("molecule")
    completed = subprocess.run([molecule, "test"], cwd=str(REPO / "roles" / role), env=environment,
                               capture_output=True, text=True, timeout=900, check=False)
    assert completed.returncode == 0, completed.stdout[-8000:] + completed.stderr[-3000:]
    assert "idempotence" in completed.stdout + completed.stderr
