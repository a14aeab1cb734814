"""The tarball `ansible-galaxy collection build` makes holds what users need, and nothing a test run leaves behind.

Built twice: from the repository as it is (when the whole suite runs, after the other tests have left their files: the
.ansible/ copy of the collection that ansible-lint and molecule make, __pycache__, tests/output, .cache ...), and from
a copy of the checkout into which those leftovers are put on purpose, so the check does not depend on test order.
Each build is compared with ALLOWED both ways: every entry matches a pattern, and every file of the checkout that
matches a pattern is in the tarball (except NOT_SHIPPED).
"""

import re
import shutil
import subprocess
import tarfile

import pytest

from testlib.collection import BIN, REPO

# What users need: the content, its documentation, and the LifeTime simulator the getting-started guide runs.
ALLOWED = [
    "MANIFEST.json", "FILES.json", "README.md", "LICENSE", "CHANGELOG.rst", "requirements.txt", "bindep.txt",
    "changelogs/changelog.yaml", "changelogs/config.yaml",
    "docs/*.md", "docs/awx/*.yml",
    "meta/*.yml", "meta/*.txt",
    "playbooks/*.yml",
    "plugins/*/*.py",
    "roles/*/README.md", "roles/*/defaults/*.yml", "roles/*/meta/*.yml", "roles/*/tasks/*.yml", "roles/*/handlers/*.yml",
    "roles/*/vars/*.yml", "roles/*/templates/*.j2", "roles/*/files/*",
    "tests/lifetime_simulator/*.py", "tests/lifetime_simulator/api_schema.json",
]
NOT_SHIPPED = {"tests/lifetime_simulator/make_schema.py": "regenerates api_schema.json from tests/contract, for developers"}

# What a test run leaves in the tree (seen after `bash tests/run.sh`), put into the copy on purpose.
LEFTOVERS = [
    ".ansible/collections/ansible_collections/outsystems/lifetime/plugins/modules/user.py",
    ".ansible/roles/promote/tasks/main.yml",
    "roles/promote/molecule/default/.ansible/tmp/state.yml",
    ".cache/docs-venv/bin/python",
    ".pytest_cache/v/cache/lastfailed",
    ".venv/bin/python",
    "plugins/modules/__pycache__/user.cpython-311.pyc",
    "tests/lifetime_simulator/__pycache__/simulator.cpython-311.pyc",
    "tests/output/junit.xml",
    "lifetime-report/report.html",
    "outsystems-lifetime-0.0.9.tar.gz",
]


def pattern_regex(pattern):
    return re.compile("^" + ".*".join("[^/]*".join(re.escape(part) for part in piece.split("*")) for piece in pattern.split("**")) + "$")


ALLOWED_RE = [pattern_regex(pattern) for pattern in ALLOWED]


def allowed(name):
    return any(regex.match(name) for regex in ALLOWED_RE)


def checkout_files(root):
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=str(root), capture_output=True,
                            text=True, check=True).stdout.split()
    return sorted(name for name in listed if (root / name).is_file())


def build(source, dist):
    dist.mkdir()
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--force", "--output-path", str(dist), str(source)],
                   check=True, capture_output=True, text=True, timeout=300)
    with tarfile.open(next(dist.glob("outsystems-lifetime-*.tar.gz"))) as archive:
        return archive.getmembers()


def check(members, files):
    names = [member.name for member in members if member.isfile()]
    assert [name for name in names if not allowed(name)] == []
    folders = {name.rsplit("/", 1)[0] for name in names if "/" in name}
    parents = {"/".join(folder.split("/")[:depth]) for folder in folders for depth in range(1, folder.count("/") + 2)}
    assert sorted(member.name for member in members if member.isdir() and member.name not in parents) == []
    wanted = [name for name in files if allowed(name) and name not in NOT_SHIPPED]
    assert sorted(set(wanted) - set(names)) == []
    return names


@pytest.fixture
def checkout_with_leftovers(tmp_path):
    copy = tmp_path / "checkout"
    files = checkout_files(REPO)
    for name in files:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    for name in LEFTOVERS:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_text("left by a test run\n")
    return copy, files


def test_tarball_after_a_test_run_holds_only_what_users_need(checkout_with_leftovers, tmp_path):
    copy, files = checkout_with_leftovers
    names = check(build(copy, tmp_path / "dist"), files)
    assert "tests/lifetime_simulator/__main__.py" in names and "plugins/inventory/lifetime.py" in names
    assert not [name for name in names if name.startswith((".ansible", ".cache", ".venv", "tests/output", "lifetime-report"))]
    assert len(names) < 200, len(names)


def test_tarball_of_the_repository_as_it_is(tmp_path):
    check(build(REPO, tmp_path / "dist"), checkout_files(REPO))
