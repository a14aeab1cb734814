"""Release manifests through real ansible-playbook runs: the collection's own and OutSystems' Trigger Pipeline manifest
drive a Development -> Test -> Production promotion (environments named by the manifest's labels), the manifests the
promote role writes record the version the target ran before, a manifest written in the Trigger format is read back,
and a bad manifest fails listing every problem before any mutating request."""

import json

import pytest
import yaml

from ansible_collections.outsystems.lifetime.plugins.module_utils import manifests
from lifetime_simulator.model import make_key
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


def trigger_release(simulator, versions, labels=("Development", "Regression", "Production"), test_apps=()):
    """A Trigger Pipeline manifest as OutSystems' plugin sends it: the versions to ship, environments with labels."""
    apps = [{"ApplicationKey": simulator.state.find_app(name).key, "ApplicationName": name, "VersionKey": version_key(simulator, name, label),
             "VersionNumber": label, "IsTestApplication": name in test_apps, "ChangeLog": "Release of %s" % name} for name, label in versions]
    envs = [{"EnvironmentKey": simulator.state.find_env(name).key, "EnvironmentName": name, "EnvironmentLabel": label}
            for name, label in zip(("Development", "Test", "Production"), labels)]
    items = [{"ModuleKey": make_key("module", module), "ModuleName": module, "ConfigurationItemKey": key,
              "ConfigurationItemName": name, "ConfigurationItemType": kind, "IsSecret": secret,
              "Values": [{"EnvironmentKey": simulator.state.find_env(env).key, "EnvironmentName": env, "TargetValue": value}
                         for env, value in values.items()]}
             for module, key, name, kind, secret, values in CONFIGURATION]
    return {"ApplicationVersions": apps, "ConfigurationItems": items, "EnvironmentDefinitions": envs, "DeploymentNotes": "Release 42"}


@pytest.mark.parametrize("out_format", ["collection", "trigger"])
def test_the_written_manifest_records_the_version_the_target_ran_before(playbook, simulator, tmp_path, out_format):
    out = tmp_path / "release.out"
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={
        "source": "Development", "target": "Test", "applications": ["Customer Portal", "Orders", "Mobile Banking"],
        "manifest_out": str(out), "manifest_out_format": out_format, "name_versions": True})
    assert run.returncode == 0, run
    written = read(out)
    assert written["format"] == out_format
    recorded = {app["name"]: (app["version"], app["version_key"], app["from_version"], app["from_version_key"])
                for app in written["applications"]}
    orders = recorded.pop("Orders")
    assert recorded == {
        "Customer Portal": ("1.2.0", version_key(simulator, "Customer Portal", "1.2.0"), "1.1.0", version_key(simulator, "Customer Portal", "1.1.0")),
        "Mobile Banking": ("3.1.0", version_key(simulator, "Mobile Banking", "3.1.0"), "3.0.0", version_key(simulator, "Mobile Banking", "3.0.0")),
    }
    # already in Test: it ran that same version before (named only when something named it: it does not move)
    assert orders[1] == orders[3] == version_key(simulator, "Orders", "2.1.0") and orders[0] == orders[2]
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


def collection_release(simulator, versions, labels=("Development", "Regression", "Production"), test_apps=()):
    """The same release in the collection's own format, with the same labels."""
    return {"environments": [{"name": name, "label": label} for name, label in zip(("Development", "Test", "Production"), labels)],
            "applications": [{"name": name, "version": label, "is_test_application": name in test_apps} for name, label in versions],
            "configuration_items": [{"module_name": module, "key": key, "name": name, "type": kind, "secret": secret,
                                     "values": [{"environment_name": env, "value": value} for env, value in values.items()]}
                                    for module, key, name, kind, secret, values in CONFIGURATION],
            "notes": "Release 42"}


RELEASE = [("Customer Portal", "1.2.0"), ("Mobile Banking", "3.1.0"), ("Shared Components", "1.1.0")]
# The configuration values the release sets per environment: (module, item key, name, type, secret, {environment: value}).
CRM_SECRET = "https://crm.example.com/api?key=Crm-Pr0d-S3cret"
CONFIGURATION = [("CustomerPortal", "sp-pagesize", "PageSize", "SiteProperty", False, {"Test": "20", "Production": "50"}),
                 ("CustomerPortal", "rest-crm", "CrmAPI", "REST_Endpoint", True, {"Production": CRM_SECRET})]
RELEASES = {"trigger": (trigger_release, "release.json", json.dumps), "collection": (collection_release, "release.yml", yaml.safe_dump)}


@pytest.mark.parametrize("fmt", sorted(RELEASES))
def test_a_release_manifest_drives_development_test_production_with_labels(playbook, simulator, tmp_path, fmt):
    make, name, dump = RELEASES[fmt]
    release = tmp_path / name
    # Shared Components is the release's test application: Test gets it, Production does not (as OutSystems' pipeline does)
    release.write_text(dump(make(simulator, RELEASE, test_apps=("Shared Components",))))
    extra = {"manifest_in": str(release), "test": "Regression", "manifest": str(tmp_path / "test.json"),
             "production_manifest": str(tmp_path / "production.json"), "manifest_format": "trigger", "confirm_production": True,
             "apply_configuration": True}
    run = playbook(PLAYBOOKS / "pipeline.yml", extra_vars=extra)
    assert run.returncode == 0, run
    # each stage set the values the manifest gives for its target, after its deployment; the secret is never shown
    assert sorted((v["module_name"], v["environment_name"], v["key"], v["value"]) for v in simulator.property_values()) == [
        ("CustomerPortal", "Production", "rest-crm", CRM_SECRET), ("CustomerPortal", "Production", "sp-pagesize", "50"),
        ("CustomerPortal", "Test", "sp-pagesize", "20")]
    assert CRM_SECRET not in run.stdout and "set site_property PageSize of CustomerPortal = 50" in run.stdout
    apps = [app for app, _version in RELEASE]
    assert running(simulator, "Test", apps) == dict(RELEASE)
    assert running(simulator, "Production", apps) == dict(RELEASE, **{"Shared Components": "1.0.0"})
    assert "Shared Components is a test application of the manifest: left out (promote_include_test_applications is false)" in run.stdout
    assert not [r for r in simulator.mutating_requests() if r["path"].rstrip("/").endswith("versions")], "nothing tagged"
    assert [app["name"] for app in read(tmp_path / "test.json")["applications"] if app["is_test_application"]] == ["Shared Components"]
    production = read(tmp_path / "production.json")
    # without name_versions the versions LifeTime gives by key only are recorded by key
    assert {app["name"]: (app["version"], app["from_version_key"]) for app in production["applications"]} == {
        app: (label, version_key(simulator, app, before)) for app, label, before in
        (("Customer Portal", "1.2.0", "1.0.0"), ("Mobile Banking", "3.1.0", "3.0.0"))}
    assert [env["label"] for env in production["environments"]] == ["Regression", "Production"]

    simulator.clear_requests()
    again = playbook(PLAYBOOKS / "pipeline.yml", extra_vars=extra)
    assert again.returncode == 0, again
    # nothing deployed or tagged again; the values are sent again (no API reads them back), the same ones
    assert {r["path"].split("/rest/")[0] for r in simulator.mutating_requests()} == {"/PropertiesAPI"}
    assert len(simulator.property_values()) == 3


def test_a_trigger_manifest_the_collection_wrote_is_read_back(playbook, simulator, tmp_path):
    written = tmp_path / "to-test.json"
    first = playbook(PLAYBOOKS / "promote.yml", extra_vars={
        "source": "Development", "target": "Test", "applications": ["Customer Portal", "Mobile Banking"],
        "manifest_out": str(written), "manifest_out_format": "trigger"})
    assert first.returncode == 0, first
    assert read(written)["format"] == "trigger"
    second = playbook(PLAYBOOKS / "promote.yml", extra_vars={"source": "Test", "target": "Production", "manifest_in": str(written)})
    assert second.returncode == 0, second
    assert running(simulator, "Production", ["Customer Portal", "Mobile Banking", "Orders"]) == {
        "Customer Portal": "1.2.0", "Mobile Banking": "3.1.0", "Orders": "2.0.0"}


def test_a_bad_manifest_fails_listing_every_problem_before_any_mutating_request(playbook, simulator, tmp_path):
    release = trigger_release(simulator, RELEASE)
    release["ApplicationVersions"][0]["VersionNumber"] = 1.2
    del release["ApplicationVersions"][1]["VersionNumber"], release["ApplicationVersions"][1]["VersionKey"]
    release["ConfigurationItems"] = [
        {"ModuleName": "CustomerPortal", "ConfigurationItemName": "PageSize", "ConfigurationItemType": "SiteProprety",
         "Values": [{"EnvironmentKey": "not-an-environment", "TargetValue": "s3cr3t-value"}]}]
    path = tmp_path / "release.json"
    path.write_text(json.dumps(release))
    run = playbook(PLAYBOOKS / "pipeline.yml", extra_vars={"manifest_in": str(path), "test": "Regression", "confirm_production": True})
    assert run.returncode != 0, run
    for problem in ("ApplicationVersions entry 1 (Customer Portal): VersionNumber: the version was given as the number 1.2",
                    "ApplicationVersions entry 2 (Mobile Banking) has no version: give VersionNumber or VersionKey",
                    "ConfigurationItems entry 1 (CustomerPortal PageSize): ConfigurationItemType 'SiteProprety' is not a configuration item type."
                    " Valid types: SiteProperty, REST_Endpoint, SOAP_Endpoint, TimerSchedule",
                    "Values entry 1 (not-an-environment): EnvironmentKey 'not-an-environment' is named by no environment definition"):
        assert problem in run.stdout, (problem, run)
    assert "s3cr3t-value" not in run.stdout
    assert simulator.mutating_requests() == []
    assert running(simulator, "Test", ["Customer Portal"]) == {"Customer Portal": "1.1.0"}


FILTER_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Read both manifests with the filter
      ansible.builtin.set_fact:
        trigger: "{{ lookup('ansible.builtin.file', 'release.json') | outsystems.lifetime.manifest('release.json') }}"
        collection: "{{ lookup('ansible.builtin.file', 'release.yml') | outsystems.lifetime.manifest('release.yml') }}"
        bad: "{{ '- {name: Orders, version: 2.10}' | outsystems.lifetime.manifest('bad.yml') }}"
    - name: Show what they hold
      ansible.builtin.debug:
        msg:
          - "{{ trigger.format }} {{ trigger.applications | map(attribute='name') | join(',') }}
            {{ trigger.environments | map(attribute='label') | join(',') }}"
          - "{{ collection.format }} {{ collection.applications | map(attribute='version') | join(',') }}"
          - "{{ bad.problems }}"
          - "{{ trigger.applications | outsystems.lifetime.trigger_manifest(trigger.environments, [], 'again') | to_json }}"
"""


def test_the_manifest_filters_read_either_format_and_write_the_trigger_format(playbook, simulator, tmp_path):
    (tmp_path / "release.json").write_text(json.dumps(trigger_release(simulator, RELEASE)))
    (tmp_path / "release.yml").write_text(yaml.safe_dump(collection_release(simulator, RELEASE)))
    (tmp_path / "play.yml").write_text(FILTER_PLAY)
    run = playbook(tmp_path / "play.yml")
    assert run.returncode == 0, run
    assert "trigger Customer Portal,Mobile Banking,Shared Components Development,Regression,Production" in run.stdout
    assert "collection 1.2.0,3.1.0,1.1.0" in run.stdout
    assert "manifest 'bad.yml': applications entry 1 (Orders): version: the version was given as the number 2.1" in run.stdout
    assert '\\"DeploymentNotes\\": \\"again\\"' in run.stdout
