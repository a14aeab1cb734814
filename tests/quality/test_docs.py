"""Documentation of every module and plugin renders, antsibull-docs finds nothing to fix, the changelog lints clean."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from testlib.collection import BIN, REPO, linked_collections_root

PLUGIN_DIRS = {"module": "modules", "inventory": "inventory", "lookup": "lookup"}


def names(kind):
    return sorted(path.stem for path in (REPO / "plugins" / PLUGIN_DIRS[kind]).glob("*.py") if not path.name.startswith("_"))


def environment(tmp_path):
    env = dict(os.environ)
    for variable in [name for name in env if name.startswith(("LIFETIME_", "ANSIBLE_"))]:
        del env[variable]
    env.update({"ANSIBLE_COLLECTIONS_PATH": str(linked_collections_root()), "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
                "ANSIBLE_NOCOLOR": "1", "PATH": "%s:%s" % (BIN, env.get("PATH", ""))})
    return env


@pytest.mark.parametrize("kind", sorted(PLUGIN_DIRS))
def test_ansible_doc_renders_every_plugin(kind, tmp_path):
    wanted = ["outsystems.lifetime.%s" % name for name in names(kind)]
    assert wanted, kind
    completed = subprocess.run([str(BIN / "ansible-doc"), "--json", "-t", kind] + wanted, capture_output=True, text=True,
                               env=environment(tmp_path), timeout=300, check=False)
    assert completed.returncode == 0, completed.stderr[-3000:]
    docs = json.loads(completed.stdout)
    assert sorted(docs) == sorted(wanted), completed.stderr[-3000:]
    for name, entry in docs.items():
        doc = entry["doc"]
        assert doc.get("short_description"), name
        assert str(doc.get("version_added")) == "0.1.0", name
        assert "lifetime_url" in doc["options"] and "lifetime_token" in doc["options"], name
        assert entry.get("examples"), name
        if kind != "module":
            assert doc["options"]["lifetime_url"].get("env") == [{"name": "LIFETIME_URL"}], name
    text = subprocess.run([str(BIN / "ansible-doc"), "-t", kind] + wanted, capture_output=True, text=True,
                          env=environment(tmp_path), timeout=300, check=False)
    assert text.returncode == 0 and "LIFETIME_URL" in text.stdout, text.stderr[-3000:]


def test_antsibull_docs_lint_collection_docs(tmp_path):
    collection = linked_collections_root() / "ansible_collections" / "outsystems" / "lifetime"
    completed = subprocess.run([str(BIN / "antsibull-docs"), "lint-collection-docs", "--plugin-docs", "."], capture_output=True,
                               text=True, cwd=str(collection), env=environment(tmp_path), timeout=600, check=False)
    assert completed.returncode == 0 and not completed.stdout.strip(), completed.stdout[-5000:] + completed.stderr[-2000:]


def test_antsibull_changelog_lint(tmp_path):
    for command in (["lint"], ["lint-changelog-yaml", "changelogs/changelog.yaml"]):
        completed = subprocess.run([str(BIN / "antsibull-changelog")] + command, capture_output=True, text=True, cwd=str(REPO),
                                   env=environment(tmp_path), timeout=120, check=False)
        assert completed.returncode == 0 and not completed.stdout.strip(), command + [completed.stdout, completed.stderr]


def test_changelog_rst_is_generated_from_changelog_yaml(tmp_path):
    """CHANGELOG.rst is what antsibull-changelog generates (nobody edits it by hand)."""
    copy = tmp_path / "repo"
    (copy / "changelogs").mkdir(parents=True)
    for name in ("changelogs/config.yaml", "changelogs/changelog.yaml", "galaxy.yml"):
        (copy / name).write_text((REPO / name).read_text())
    (copy / "changelogs" / "fragments").mkdir()
    completed = subprocess.run([str(BIN / "antsibull-changelog"), "generate"], capture_output=True, text=True, cwd=str(copy),
                               env=environment(tmp_path), timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr
    assert (copy / "CHANGELOG.rst").read_text() == Path(REPO / "CHANGELOG.rst").read_text()
