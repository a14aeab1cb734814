"""Release manifests through real ansible-playbook runs: the collection's own and OutSystems' Trigger Pipeline manifest
drive a Development -> Test -> Production promotion (environments named by the manifest's labels), the manifests the
promote role writes record the version the target ran before, a manifest written in the Trigger format is read back,
and a bad manifest fails listing every problem before any mutating request."""

import json

import pytest
import yaml

from ansible_collections.outsystems.lifetime.plugins.module_utils import manifests
from testlib.collection import REPO

PLAYBOOKS = REPO / "playbooks"


def version_key(simulator, app, label):
    return simulator.state.find_app(app).version_by_label(label).key


def running(simulator, env, apps):
    return {app: simulator.state.running_version(env, app) for app in apps}


def read(path):
    manifest = manifests.load_manifest(path.read_text(), path.name)
    assert manifest["problems"] == [], manifest["problems"]
    return manifest


def trigger_release(simulator, versions, labels=("Development", "Regression", "Production")):
    """A Trigger Pipeline manifest as OutSystems' plugin sends it: the versions to ship, environments with labels."""
    apps = [{"ApplicationKey": simulator.state.find_app(name).key, "ApplicationName": name, "VersionKey": version_key(simulator, name, label),
             "VersionNumber": label, "IsTestApplication": False, "ChangeLog": "Release of %s" % name} for name, label in versions]
    envs = [{"EnvironmentKey": simulator.state.find_env(name).key, "EnvironmentName": name, "EnvironmentLabel": label}
            for name, label in zip(("Development", "Test", "Production"), labels)]
    return {"ApplicationVersions": apps, "EnvironmentDefinitions": envs, "DeploymentNotes": "Release 42"}


@pytest.mark.parametrize("out_format", ["collection", "trigger"])
def test_the_written_manifest_records_the_version_the_target_ran_before(playbook, simulator, tmp_path, out_format):
    out = tmp_path / "release.out"
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={
        "source": "Development", "target": "Test", "applications": ["Customer Portal", "Orders", "Mobile Banking"],
        "manifest_out": str(out), "manifest_out_format": out_format})
    assert run.returncode == 0, run
    written = read(out)
    assert written["format"] == out_format
    recorded = {app["name"]: (app["version"], app["version_key"], app["from_version"], app["from_version_key"])
                for app in written["applications"]}
    assert recorded == {
        "Customer Portal": ("1.2.0", version_key(simulator, "Customer Portal", "1.2.0"), "1.1.0", version_key(simulator, "Customer Portal", "1.1.0")),
        "Mobile Banking": ("3.1.0", version_key(simulator, "Mobile Banking", "3.1.0"), "3.0.0", version_key(simulator, "Mobile Banking", "3.0.0")),
        # already in Test: it ran that version before
        "Orders": ("2.1.0", version_key(simulator, "Orders", "2.1.0"), "2.1.0", version_key(simulator, "Orders", "2.1.0")),
    }
    if out_format == "trigger":
        raw = json.loads(out.read_text())
        assert raw["DeploymentNotes"] == "Deployed by outsystems.lifetime.promote"
        assert [(env["EnvironmentName"], env["EnvironmentLabel"]) for env in raw["EnvironmentDefinitions"]] == [
            ("Development", "Development"), ("Test", "Test")]
        assert raw["EnvironmentDefinitions"][1]["EnvironmentKey"] == simulator.state.find_env("Test").key
        assert all(set(app) >= {"ApplicationKey", "ApplicationName", "VersionKey", "VersionNumber", "IsTestApplication"}
                   for app in raw["ApplicationVersions"])
    else:
        assert yaml.safe_load(out.read_text())["target_environment"] == "Test"
