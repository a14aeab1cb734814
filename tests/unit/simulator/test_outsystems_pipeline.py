"""OutSystems' own client (outsystems-pipeline 0.11.0) against the simulator over HTTP.

Uses the Python in OUTSYSTEMS_PIPELINE_PYTHON, else this interpreter if it can import the package,
else /tmp/ospipe-venv/bin/python if present. Skipped only when none of these has the package.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

FALLBACK_PYTHON = Path("/tmp/ospipe-venv/bin/python")


def has_pipeline(python):
    result = subprocess.run([python, "-c", "import outsystems.pipeline"], capture_output=True, check=False)
    return result.returncode == 0


def pipeline_python():
    configured = os.environ.get("OUTSYSTEMS_PIPELINE_PYTHON")
    if configured:
        return configured
    if has_pipeline(sys.executable):
        return sys.executable
    if FALLBACK_PYTHON.exists() and has_pipeline(str(FALLBACK_PYTHON)):
        return str(FALLBACK_PYTHON)
    return None


PYTHON = pipeline_python()
if PYTHON is None:
    print("outsystems-pipeline test skipped: OUTSYSTEMS_PIPELINE_PYTHON is unset and outsystems-pipeline is not importable "
          "(pip install outsystems-pipeline==0.11.0 into a venv and point OUTSYSTEMS_PIPELINE_PYTHON at its python)")
pytestmark = pytest.mark.skipif(PYTHON is None, reason="OUTSYSTEMS_PIPELINE_PYTHON unset and outsystems-pipeline not importable")


def run_pipeline(module, sim, workdir, *args):
    env = dict(os.environ, OVERRIDE_CONFIG_IN_USE="True", SLEEP_PERIOD_IN_SECS="1")
    command = [PYTHON, "-m", module, "--artifacts", str(workdir / "Artifacts"), "--lt_url", sim.root_url,
               "--lt_token", "test-token", *args]
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_fetch_lifetime_data(sim, tmp_path):
    output = run_pipeline("outsystems.pipeline.fetch_lifetime_data", sim, tmp_path)
    assert "Applications data retrieved successfully" in output
    assert (tmp_path / "Artifacts").exists()


def test_deploy_latest_tags_to_target_env(sim, api, tmp_path):
    # Tag newer versions in Development first (Customer Portal is modified there; Orders 2.1.0 already runs in Test).
    for app, version in (("Customer Portal", "1.3.0"), ("Orders", "2.2.0")):
        response = api.post("/environments/{0}/applications/{1}/versions/".format(api.env_key("Development"), api.app_key(app)),
                            json={"Version": version, "ChangeLog": "release"})
        assert response.status_code == 201
    output = run_pipeline("outsystems.pipeline.deploy_latest_tags_to_target_env", sim, tmp_path,
                          "--source_env", "Development", "--destination_env", "Test", "--app_list", "Customer Portal,Orders")
    assert "finished with status finished_successful" in output
    assert sim.state.running_version("Test", "Customer Portal") == "1.3.0"
    assert sim.state.running_version("Test", "Orders") == "2.2.0"
    assert [entry["method"] for entry in sim.mutating_requests()].count("POST") >= 2
