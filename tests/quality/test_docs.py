"""Documentation of every module and plugin renders, antsibull-docs finds nothing to fix, the changelog lints clean."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from testlib.collection import BIN, REPO, linked_collections_root

PLUGIN_DIRS = {"module": "modules", "inventory": "inventory", "lookup": "lookup", "filter": "filter"}
# The kinds that talk to LifeTime and so take the connection options (filters only transform data).
CONNECTED = ("module", "inventory", "lookup")


def names(kind):
    return sorted(path.stem for path in (REPO / "plugins" / PLUGIN_DIRS[kind]).glob("*.py") if not path.name.startswith("_"))


def environment(tmp_path):
    env = dict(os.environ)
    for variable in [name for name in env if name.startswith(("LIFETIME_", "ANSIBLE_"))]:
        del env[variable]
    env.update({"ANSIBLE_COLLECTIONS_PATH": str(linked_collections_root()), "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
                "ANSIBLE_NOCOLOR": "1", "PATH": "%s:%s" % (BIN, env.get("PATH", ""))})
    return env


def version_tuple(text):
    """``"0.10.2"`` -> ``(0, 10, 2)``; anything but three numbers fails."""
    assert re.match(r"^\d+\.\d+\.\d+$", str(text)), "not a version: %r" % (text,)
    return tuple(int(part) for part in str(text).split("."))


def galaxy_version():
    return yaml.safe_load((REPO / "galaxy.yml").read_text())["version"]


def released_plugins():
    """(kind, name) -> the release of changelogs/changelog.yaml that added it."""
    releases = yaml.safe_load((REPO / "changelogs" / "changelog.yaml").read_text())["releases"]
    added = {}
    for version, release in releases.items():
        for entry in release.get("modules", []):
            added[("module", entry["name"])] = str(version)
        for kind, entries in (release.get("plugins") or {}).items():
            for entry in entries:
                added[(kind, entry["name"])] = str(version)
    return added


def expected_version_added(kind, name):
    """The release that added a plugin, or the version being built (galaxy.yml) for one no release lists yet."""
    version = released_plugins().get((kind, name), galaxy_version())
    assert version_tuple(version) <= version_tuple(galaxy_version()), (kind, name, version)
    return str(version)


def test_version_added_rule():
    """A new plugin must say the version being built; a released one the release that added it; never a later one."""
    current = galaxy_version()
    assert expected_version_added("module", "a_module_no_release_lists") == current
    assert expected_version_added("module", "environment_info") == "0.1.0"
    assert version_tuple(current) >= (0, 1, 0)
    with pytest.raises(AssertionError):
        version_tuple("1.1")


def test_collection_version_is_galaxy_yml_version():
    """The version the modules send in their User-Agent is the collection's (galaxy.yml, and MANIFEST.json built from it)."""
    from ansible_collections.outsystems.lifetime.plugins.module_utils import client

    assert client.COLLECTION_VERSION == galaxy_version()
    session = client.LifetimeClient("http://127.0.0.1:9", "token").session
    assert session.headers["User-Agent"].startswith("outsystems.lifetime/%s " % galaxy_version())


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
        assert str(doc.get("version_added")) == expected_version_added(kind, name.rsplit(".", 1)[-1]), name
        assert entry.get("examples"), name
        if kind not in CONNECTED:
            continue
        assert "lifetime_url" in doc["options"] and "lifetime_token" in doc["options"], name
        if kind != "module":
            assert doc["options"]["lifetime_url"].get("env") == [{"name": "LIFETIME_URL"}], name
    text = subprocess.run([str(BIN / "ansible-doc"), "-t", kind] + wanted, capture_output=True, text=True,
                          env=environment(tmp_path), timeout=300, check=False)
    assert text.returncode == 0 and ("LIFETIME_URL" in text.stdout or kind not in CONNECTED), text.stderr[-3000:]


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
