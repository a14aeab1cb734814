"""ansible-test sanity, run as ansible-test wants it: from an ansible_collections/outsystems/lifetime tree; and ansible-lint.

Every sanity test runs except the ones that cannot apply to this collection (ansible-test would find no file
for them to check; skipped_tests() skips each only while that stays true):
- pslint: it checks PowerShell (.ps1, .psm1) files and the collection has none;
- action-plugin-docs: it checks that action plugins have a module of the same name with the docs, and the
  collection has no action plugins (plugins/action).

The tree is a copy of the checkout's files (tracked and untracked, not ignored) kept in .cache/sanity, so that
the virtual environment ansible-test --venv creates inside it (tests/output/.tmp/delegation) is made once per
checkout instead of once per run; the test venvs themselves ansible-test caches in ~/.ansible/test/venv.
Everything else in the copy is replaced on every run.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from testlib.collection import BIN, REPO, linked_collections_root

# Sanity tests that check only files of a kind the collection does not have: test name -> is a file of that kind.
ONLY_FOR = {
    "pslint": lambda name: name.endswith((".ps1", ".psm1")),
    "action-plugin-docs": lambda name: name.startswith("plugins/action/"),
}
COPY = REPO / ".cache" / "sanity" / "ansible_collections" / "outsystems" / "lifetime"
KEPT = Path("tests") / "output"  # ansible-test's own output and its delegation venv


def collection_files():
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, check=True,
                            capture_output=True, text=True).stdout.split("\n")
    return [name for name in listed if name and (REPO / name).is_file()]


def skipped_tests(files):
    return sorted(test for test, applies_to in ONLY_FOR.items() if not any(applies_to(name) for name in files))


def clear_copy(root):
    """Remove everything in ``root`` but tests/output."""
    for entry in root.iterdir():
        if entry.name == KEPT.parts[0] and entry.is_dir():
            for inner in entry.iterdir():
                if inner.name != KEPT.parts[1]:
                    remove(inner)
        else:
            remove(entry)


def remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


@pytest.fixture(scope="module")
def collection_copy():
    root = COPY
    root.mkdir(parents=True, exist_ok=True)
    clear_copy(root)
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
    for name in skipped_tests(collection_files()):
        command += ["--skip-test", name]
    completed = subprocess.run(command, cwd=collection_copy, capture_output=True, text=True, env=environment, timeout=2400, check=False)
    assert completed.returncode == 0, completed.stdout[-15000:] + completed.stderr[-5000:]


def test_ansible_lint_production_profile(tmp_path):
    # --offline: lint this checkout through the linked collection path, instead of ansible-lint building and
    # installing it again (or finding another checkout's copy in ~/.ansible/collections).
    environment = dict(os.environ, ANSIBLE_HOME=str(tmp_path / "ansible-home"), ANSIBLE_COLLECTIONS_PATH=str(linked_collections_root()))
    completed = subprocess.run([str(BIN / "ansible-lint"), "--profile", "production", "--nocolor", "--offline"], cwd=REPO, env=environment,
                               capture_output=True, text=True, timeout=900, check=False)
    assert completed.returncode == 0, completed.stdout[-15000:] + completed.stderr[-5000:]
