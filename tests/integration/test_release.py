"""The collection as users get it: ansible-galaxy build -> install into a fresh path -> a playbook from there."""

import subprocess
import tarfile

import pytest

from testlib.collection import BIN

FORBIDDEN = ("tests/output/", ".venv", "__pycache__", ".pyc", ".pytest_cache", "lifetime-report/", ".tar.gz", ".git/")


def tarball_of(installed_collection):
    return next((installed_collection.parent / "dist").glob("outsystems-lifetime-*.tar.gz"))


def test_tarball_holds_no_build_or_test_leftovers(installed_collection):
    with tarfile.open(tarball_of(installed_collection)) as archive:
        names = archive.getnames()
    assert "MANIFEST.json" in names and "FILES.json" in names
    for needed in ("plugins/inventory/lifetime.py", "plugins/lookup/lifetime.py", "plugins/modules/environment_info.py",
                   "playbooks/report.yml", "meta/runtime.yml", "meta/execution-environment.yml", "requirements.txt"):
        assert needed in names, needed
    leftovers = [name for name in names if any(marker in name for marker in FORBIDDEN)]
    assert leftovers == []


def test_installed_collection_is_the_one_ansible_uses(installed_collection, tmp_path):
    completed = subprocess.run([str(BIN / "ansible-galaxy"), "collection", "list", "outsystems.lifetime", "-p", str(installed_collection)],
                               capture_output=True, text=True, timeout=60,
                               env={"ANSIBLE_COLLECTIONS_PATH": str(installed_collection), "PATH": "/usr/bin:/bin",
                                    "ANSIBLE_HOME": str(tmp_path)}, check=False)
    assert completed.returncode == 0, completed.stderr
    assert str(installed_collection / "ansible_collections") in completed.stdout
    assert "outsystems.lifetime 0.1.0" in " ".join(completed.stdout.split())


@pytest.mark.smoke
def test_playbook_runs_from_the_installed_collection(playbook, installed_collection, simulator):
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - name: Read the environments with the installed collection
              outsystems.lifetime.environment_info:
              register: infrastructure
            - name: Where the module came from
              ansible.builtin.debug:
                msg: "COLLECTION_PATH={{ lookup('ansible.builtin.config', 'COLLECTIONS_PATHS') | join(':') }}"
            - ansible.builtin.assert:
                that:
                  - infrastructure.environments | map(attribute='name') | list == ['Development', 'Test', 'Production']
        """, verbosity=1)
    assert run.returncode == 0, run
    assert "COLLECTION_PATH=%s" % installed_collection in run.stdout
    assert "failed=0" in run.stdout
    assert [request["path"].rstrip("/").rsplit("/", 1)[-1] for request in simulator.requests()] == ["environments"]
