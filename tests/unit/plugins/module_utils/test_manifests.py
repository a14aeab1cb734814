"""Manifests: the collection's own and OutSystems' Trigger Pipeline manifest read into one shape, every problem at once
(naming the entry and the field, never a configuration value), and the Trigger format written back."""

import json
import re

import pytest
import yaml

from ansible_collections.outsystems.lifetime.plugins.module_utils import manifests
from testlib import collection

CONTRACT = collection.CONTRACT / "trigger-manifest.md"


def contract_example():
    """The Trigger manifest example of the contract, as text."""
    return re.search(r"```json\n(.*?)```", CONTRACT.read_text(encoding="utf-8"), re.S).group(1)


def load(data, origin="release.yml"):
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    return manifests.load_manifest(text, origin)


def test_the_contract_example_reads_into_the_normalized_shape():
    manifest = manifests.load_manifest(contract_example(), "trigger.json")
    assert manifest["problems"] == []
    assert manifest["format"] == "trigger"
    assert manifest["applications"] == [{
        "name": "Orders", "key": "a1f0-app", "version": "1.4.0", "version_key": "v9c2-ver", "from_version": None,
        "from_version_key": None, "is_test_application": False, "change_log": "Order cancel flow", "deployment_zone": None}]
    assert manifest["environments"] == [{"key": "env-dev", "name": "Development", "label": "Development"},
                                        {"key": "env-qa", "name": "Quality", "label": "Regression"}]
    assert manifest["configuration_items"][1] == {
        "module_key": "m-orders-core", "module_name": "OrdersCore", "key": "rest-payments", "name": "PaymentsAPI",
        "type": "rest_endpoint", "secret": False,
        "values": [{"environment_key": "env-qa", "environment_name": "Quality", "value": "https://payments-qa.example.com/api"}]}
    assert manifest["notes"] == "Release 1.4.0 of Orders"


def test_environments_are_found_by_label_then_name_then_key():
    manifest = manifests.load_manifest(contract_example(), "trigger.json")
    assert manifests.environment_for(manifest, "Regression")["key"] == "env-qa"
    assert manifests.environment_for(manifest, "Quality")["key"] == "env-qa"
    assert manifests.environment_for(manifest, "ENV-DEV")["name"] == "Development"
    assert manifests.environment_for(manifest, "Production") is None
    # a label wins over another environment's name
    swapped = load({"environments": [{"key": "e1", "name": "Test", "label": "Acceptance"}, {"key": "e2", "name": "Staging", "label": "Test"}],
                    "applications": []})
    assert manifests.environment_for(swapped, "Test")["key"] == "e2"


def test_configuration_for_an_environment_gives_one_value_per_item_and_skips_items_without_one():
    manifest = manifests.load_manifest(contract_example(), "trigger.json")
    chosen = manifests.configuration_for(manifest, "ENV-QA")
    assert [(item["name"], item["type"], item["value"], item["environment_key"]) for item in chosen] == [
        ("PageSize", "site_property", "50", "env-qa"), ("PaymentsAPI", "rest_endpoint", "https://payments-qa.example.com/api", "env-qa")]
    assert "values" not in chosen[0]
    assert manifests.configuration_for(manifest, "env-dev") == []


def test_values_given_by_environment_name_match_by_name():
    manifest = load({"applications": [], "configuration_items": [
        {"module_name": "Orders", "name": "ApiKey", "type": "site_property", "secret": True,
         "values": [{"environment_name": "Test", "value": "k-test"}, {"environment_name": "Production", "value": "k-prod"}]}]})
    assert manifest["problems"] == []
    chosen = manifests.configuration_for(manifest, "key-of-production", "Production")
    assert [(item["name"], item["secret"], item["value"]) for item in chosen] == [("ApiKey", True, "k-prod")]


@pytest.mark.parametrize("text", [
    "- {name: Orders, version: '2.1.0'}\n",
    "applications:\n  - {name: Orders, version: '2.1.0'}\n",
    json.dumps({"applications": [{"name": "Orders", "version": "2.1.0"}]}),
])
def test_the_collections_manifest_as_a_list_a_mapping_or_json(text):
    manifest = manifests.load_manifest(text, "release.yml")
    assert manifest["problems"] == []
    assert manifest["format"] == "collection"
    assert [(app["name"], app["version"], app["key"]) for app in manifest["applications"]] == [("Orders", "2.1.0", None)]


def test_what_the_promote_role_wrote_reads_back_with_the_previous_versions():
    manifest = load({"source_environment": "Development", "target_environment": "Test", "applications": [
        {"name": "Orders", "key": "k-orders", "version": "2.1.0", "version_key": "v21", "from_version": "2.0.0",
         "from_version_key": "v20"}]})
    assert manifest["problems"] == []
    assert manifest["applications"][0]["from_version"] == "2.0.0"
    assert manifest["applications"][0]["from_version_key"] == "v20"


def test_every_problem_at_once_naming_the_entry_and_the_field():
    problems = load("""applications:
  - name: Orders
    version: 2.10
  - key: k-inventory
  - Customer Portal
  - {name: Orders, version: '2.1.0', is_test_application: 'no'}
""")["problems"]
    assert problems == [
        "manifest 'release.yml': applications entry 1 (Orders): version: the version was given as the number 2.1, and YAML reads an unquoted"
        " version as a number (1.10 becomes 1.1): quote it, for example version: \"2.1\"",
        "manifest 'release.yml': applications entry 2 (k-inventory) has no version: give version or version_key",
        "manifest 'release.yml': applications entry 3 must be a mapping of fields, got text",
        "manifest 'release.yml': applications entry 4 (Orders): is_test_application must be true or false, got text",
        "manifest 'release.yml': applications entry 4 (Orders): the application is listed twice",
    ]


def test_trigger_problems_use_the_trigger_field_names():
    data = json.loads(contract_example())
    data["ApplicationVersions"][0]["VersionNumber"] = 1.4
    data["ApplicationVersions"].append({"ApplicationName": "Payments"})
    data["ConfigurationItems"][0]["ConfigurationItemType"] = "SiteProprety"
    data["ConfigurationItems"][1]["Values"].append({"EnvironmentKey": "env-prod", "TargetValue": "https://payments.example.com"})
    data["EnvironmentDefinitions"].append({"EnvironmentName": "Quality", "EnvironmentLabel": "Regression"})
    problems = manifests.load_manifest(json.dumps(data), "trigger.json")["problems"]
    assert problems == [
        "manifest 'trigger.json': EnvironmentDefinitions entry 3 (Quality): EnvironmentName 'Quality' is given to another environment too",
        "manifest 'trigger.json': EnvironmentDefinitions entry 3 (Quality): EnvironmentLabel 'Regression' is given to another environment too",
        "manifest 'trigger.json': ApplicationVersions entry 1 (Orders): VersionNumber: the version was given as the number 1.4, and YAML reads"
        " an unquoted version as a number (1.10 becomes 1.1): quote it, for example VersionNumber: \"1.4\"",
        "manifest 'trigger.json': ApplicationVersions entry 2 (Payments) has no version: give VersionNumber or VersionKey",
        "manifest 'trigger.json': ConfigurationItems entry 1 (OrdersCore PageSize): ConfigurationItemType 'SiteProprety' is not a"
        " configuration item type. Valid types: SiteProperty, REST_Endpoint, SOAP_Endpoint, TimerSchedule",
        "manifest 'trigger.json': ConfigurationItems entry 2 (OrdersCore PaymentsAPI): Values entry 2 (env-prod): EnvironmentKey 'env-prod'"
        " is named by no environment definition (EnvironmentDefinitions: env-dev, env-qa)",
    ]


def test_configuration_problems_never_quote_a_value():
    problems = load({"applications": [], "environments": [{"name": "Test"}], "configuration_items": [
        {"module_name": "Orders", "name": "Pin", "type": "site_property", "secret": "yes",
         "values": [{"environment_name": "Test", "value": 424242}, {"environment_name": "Test", "value": "s3cr3t-value"},
                    {"environment_name": "Prod", "value": "an0ther-s3cret"}, {"value": None}]},
        {"module_key": "m1", "key": "k1", "values": "s3cr3t-value"},
        {"module_key": "m1", "key": "k2", "type": "timer_schedule"}]})["problems"]
    assert problems == [
        "manifest 'release.yml': configuration_items entry 1 (Orders Pin): secret must be true or false, got text",
        "manifest 'release.yml': configuration_items entry 1 (Orders Pin): values entry 1 (Test): value must be text, got a number:"
        " quote it (the value is sent as it is written)",
        "manifest 'release.yml': configuration_items entry 1 (Orders Pin): values entry 2 (Test): a second value for environment 'Test'",
        "manifest 'release.yml': configuration_items entry 1 (Orders Pin): values entry 3 (Prod): environment_name 'Prod' is named by no"
        " environment definition (environments: Test)",
        "manifest 'release.yml': configuration_items entry 1 (Orders Pin): values entry 4 has no value",
        "manifest 'release.yml': configuration_items entry 1 (Orders Pin): values entry 4 names no environment: give environment_key or"
        " environment_name",
        "manifest 'release.yml': configuration_items entry 2 (k1) has no type. Valid types: site_property, rest_endpoint, soap_endpoint,"
        " timer_schedule, SiteProperty, REST_Endpoint, SOAP_Endpoint, TimerSchedule",
        "manifest 'release.yml': configuration_items entry 2 (k1): values must be a list, got text",
        "manifest 'release.yml': configuration_items entry 3 (k2) has no values: give one entry per environment",
    ]
    assert not any(secret in " ".join(problems) for secret in ("424242", "s3cr3t", "an0ther"))


def test_a_file_that_does_not_parse_says_where_without_quoting_the_line():
    problems = manifests.load_manifest("applications:\n  - name: Orders\n   value: s3cr3t: [\n", "bad.yml")["problems"]
    assert len(problems) == 1 and problems[0].startswith("manifest 'bad.yml' is neither JSON nor YAML (line 3, column")
    assert "s3cr3t" not in problems[0]


@pytest.mark.parametrize("text, problem", [
    ("", "manifest 'm.yml' is empty"),
    ("just text", "manifest 'm.yml' holds no list of applications: the collection's manifest has 'applications' (or is a list),"
                  " a Trigger Pipeline manifest has 'ApplicationVersions'"),
    ('{"DeploymentNotes": "x"}', "manifest 'm.yml': ApplicationVersions is missing (give [] for none)"),
    ("applications: Orders", "manifest 'm.yml': applications must be a list, got text"),
])
def test_what_is_no_manifest_is_one_problem(text, problem):
    assert manifests.load_manifest(text, "m.yml")["problems"] == [problem]


def test_trigger_manifest_written_by_the_collection_reads_back_the_same():
    applications = [{"name": "Orders", "key": "k-orders", "version": "2.1.0", "version_key": "v21", "from_version": "2.0.0",
                     "from_version_key": "v20", "is_test_application": False, "change_log": None, "deployment_zone": None},
                    {"name": "Orders Tests", "key": "k-tests", "version": "1.0.0", "version_key": "t10"}]
    environments = [{"key": "e-dev", "name": "Development", "label": None}, {"key": "e-test", "name": "Test", "label": "Regression"}]
    items = [{"module_key": "m1", "module_name": "OrdersCore", "key": "sp1", "name": "ApiKey", "type": "site_property", "secret": True,
              "values": [{"environment_key": "e-test", "environment_name": "Test", "value": "k"}]}]
    written = manifests.trigger_manifest(applications, environments, items, "Release 2.1.0")
    assert written["ApplicationVersions"][0] == {
        "ApplicationKey": "k-orders", "ApplicationName": "Orders", "VersionKey": "v21", "VersionNumber": "2.1.0", "IsTestApplication": False,
        "ChangeLog": None, "DeploymentZoneName": None, "FromVersionNumber": "2.0.0", "FromVersionKey": "v20"}
    assert "FromVersionNumber" not in written["ApplicationVersions"][1]
    assert written["EnvironmentDefinitions"][0] == {"EnvironmentKey": "e-dev", "EnvironmentName": "Development", "EnvironmentLabel": "Development"}
    assert written["ConfigurationItems"][0]["ConfigurationItemType"] == "SiteProperty"
    assert written["ConfigurationItems"][0]["IsSecret"] is True
    read = manifests.load_manifest(json.dumps(written), "out.json")
    assert read["problems"] == [] and read["format"] == "trigger"
    assert read["applications"][0] == applications[0]
    assert read["applications"][1]["is_test_application"] is False
    assert read["configuration_items"] == items
    assert [env["label"] for env in read["environments"]] == ["Development", "Regression"]
    assert read["notes"] == "Release 2.1.0"
    assert "ConfigurationItems" not in manifests.trigger_manifest(applications, environments, [], None)
