"""ansible-test sanity, run as ansible-test wants it: from an ansible_collections/outsystems/lifetime tree."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from testlib.collection import BIN, REPO


def collection_files():
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.split("\n")
    return [name for name in listed if name and (REPO / name).is_file()]


@pytest.fixture(scope="module")
def collection_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("sanity") / "ansible_collections" / "outsystems" / "lifetime"
    for name in collection_files():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return root


def install_pip_bootstrap():
    """Put our pip bootstrap where ansible-test looks for its downloaded one (see pip_bootstrap.py)."""
    source = Path(__file__).with_name("pip_bootstrap.py")
    requirements = (BIN.parent / "lib").glob("python3*/site-packages/ansible_test/_internal/python_requirements.py")
    versions = set()
    for path in requirements:
        versions.update(re.findall(r"pip='([0-9.]+)'", path.read_text()))
    assert versions, "could not find the pip version ansible-test bootstraps"
    cache = Path.home() / ".ansible" / "test" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    for version in versions:
        shutil.copy(source, cache / ("get_pip_%s.py" % version.replace(".", "_")))


def test_ansible_test_sanity(collection_copy):
    install_pip_bootstrap()
    environment = dict(os.environ, ANSIBLE_TEST_PREFER_PODMAN="0")
    command = [str(BIN / "ansible-test"), "sanity", "--python", "3.11", "--venv", "--color", "no"]
    completed = subprocess.run(command, cwd=collection_copy, capture_output=True, text=True, env=environment, timeout=2400, check=False)
    assert completed.returncode == 0, completed.stdout[-15000:] + completed.stderr[-5000:]


def test_ansible_lint_production_profile():
    completed = subprocess.run([str(BIN / "ansible-lint"), "--profile", "production", "--nocolor"], cwd=REPO,
                               capture_output=True, text=True, timeout=900, check=False)
    assert completed.returncode == 0, completed.stdout[-15000:] + completed.stderr[-5000:]
