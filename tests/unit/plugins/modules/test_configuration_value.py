"""configuration_value in-process against the simulator: what is sent, check mode, diff, bad input, secrets."""

import json

import pytest
import yaml

from lifetime_simulator.model import make_key

SECRET = "https://payments-qa.example.com/api?key=S3cr3t-Payments-Key"
ITEM = dict(module="Orders", environment="Test", key="sp-pagesize", name="PageSize", type="site_property", value="50")


def stored(simulator):
    return [(v["module_name"], v["environment_name"], v["type"], v["key"], v["value"]) for v in simulator.property_values()]


def test_sets_the_value_by_names(simulator, run):
    result = run("configuration_value", **ITEM)
    assert result["changed"] is True and result["sent"] == 1, result
    entry = result["configuration_values"][0]
    assert entry["module_key"] == make_key("module", "Orders") and entry["environment_key"] == make_key("environment", "Test")
    assert entry["type"] == "site_property" and entry["value"] == "50" and entry["sent"] is True and entry["message"]
    assert stored(simulator) == [("Orders", "Test", "SiteProperty", "sp-pagesize", "50")]
    puts = simulator.mutating_requests()
    assert [(p["method"], p["body"]) for p in puts] == [("PUT", "50")]


def test_by_keys_and_with_the_manifests_type_spelling(simulator, run):
    result = run("configuration_value", module=make_key("module", "Inventory"), environment=make_key("environment", "Production"),
                 key="soap-erp", type="SOAP_Endpoint", value="https://erp.example.com/ws")
    assert result["configuration_values"][0]["type"] == "soap_endpoint" and result["configuration_values"][0]["module"] == "Inventory"
    assert stored(simulator) == [("Inventory", "Production", "SOAP_Endpoint", "soap-erp", "https://erp.example.com/ws")]


def test_check_mode_sends_nothing_and_the_diff_shows_what_would_be_set(simulator, run):
    result = run("configuration_value", check_mode=True, diff=True, **ITEM)
    assert result["changed"] is True and result["sent"] == 0 and result["configuration_values"][0]["sent"] is False
    label = "Orders in Test: site_property PageSize (sp-pagesize)"
    assert result["diff"] == {"before": {label: "(unknown: no API reads the value back)"}, "after": {label: "50"}}
    assert simulator.mutating_requests() == [] and simulator.property_values() == []


def test_a_second_run_sends_the_value_again_and_says_so(simulator, run):
    run("configuration_value", **ITEM)
    again = run("configuration_value", **ITEM)
    assert again["changed"] is True and again["sent"] == 1
    assert len(simulator.mutating_requests()) == 2 and simulator.property_values()[0]["times_set"] == 2


@pytest.mark.parametrize("change, expected", [
    ({"module": "Order"}, "module 'Order' not found. Valid module names: "),
    ({"environment": "Tst"}, "environment 'Tst' not found. Valid environment names: Development, Production, Test."),
])
def test_an_unknown_module_or_environment_fails_with_the_closest_name_before_any_put(simulator, run, change, expected):
    result = run("configuration_value", check_mode=False, **dict(ITEM, **change))
    assert result["failed"] and expected in result["msg"]
    assert "Did you mean '%s'?" % ("Orders" if "module" in change else "Test") in result["msg"]
    assert simulator.mutating_requests() == []


@pytest.mark.parametrize("change, expected", [
    ({"type": "SiteProperties"}, "value of type must be one of: site_property, rest_endpoint, soap_endpoint, timer_schedule, SiteProperty, "
                                 "REST_Endpoint, SOAP_Endpoint, TimerSchedule, got: SiteProperties"),
    ({"key": ""}, "key is empty"),
    ({"key": "sp/pagesize"}, "key 'sp/pagesize' is not a key"),
    ({"value": 1.10}, "value was given as the number 1.1"),
    ({"value": True}, "value was given as the boolean true"),
])
def test_bad_input_fails_before_any_request(simulator, run, change, expected):
    result = run("configuration_value", **dict(ITEM, **change))
    assert result["failed"] and expected in result["msg"], result["msg"]
    assert simulator.requests() == []


def test_a_whole_number_and_an_empty_text_are_values(simulator, run):
    run("configuration_value", **dict(ITEM, value=50))
    run("configuration_value", **dict(ITEM, key="sp-footer", value=""))
    assert dict((v["key"], v["value"]) for v in simulator.property_values()) == {"sp-pagesize": "50", "sp-footer": ""}


def test_success_false_fails_with_the_servers_message(simulator, run):
    result = run("configuration_value", **dict(ITEM, module="HROnboarding"))
    assert result["failed"] and result["method"] == "PUT" and result["path"].endswith("/SiteProperties/sp-pagesize/Value/")
    assert "Success: false" in result["msg"] and "Module 'HROnboarding' is not deployed in environment 'Test'" in result["msg"]


def test_the_properties_refused_scenario_fails_the_task(simulator, run):
    simulator.set_scenario("properties_refused", message="The site property does not exist.")
    result = run("configuration_value", **ITEM)
    assert result["failed"] and "The site property does not exist." in result["msg"] and simulator.property_values() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_secret_value_is_in_no_output_nor_diff(simulator, run, check_mode):
    result = run("configuration_value", check_mode=check_mode, diff=True, **dict(ITEM, type="rest_endpoint", key="rest-payments",
                                                                                 value=SECRET, secret=True))
    assert not result.get("failed"), result
    assert "S3cr3t" not in json.dumps(result)
    assert result["configuration_values"][0]["value"] == "********" and result["configuration_values"][0]["secret"] is True
    assert list(result["diff"]["after"].values()) == ["********"]
    assert simulator.property_values() == ([] if check_mode else [simulator.property_values()[0]])
    if not check_mode:
        assert simulator.property_values()[0]["value"] == SECRET


def test_a_secret_value_is_in_no_failure_either(simulator, run):
    refused = run("configuration_value", **dict(ITEM, module="HROnboarding", value=SECRET, secret=True))
    bad_type = run("configuration_value", **dict(ITEM, type="Property", value=SECRET, secret=True))
    bad_secret = run("configuration_value", **dict(ITEM, value=SECRET, secret="maybe"))
    for result in (refused, bad_type, bad_secret):
        assert result["failed"] and "S3cr3t" not in json.dumps(result), result


def test_a_value_that_is_not_secret_is_shown(simulator, run):
    result = run("configuration_value", diff=True, **ITEM)
    assert result["configuration_values"][0]["value"] == "50" and list(result["diff"]["after"].values()) == ["50"]
    assert result["invocation"]["module_args"]["value"] == "50"


# -- a manifest's values for an environment -------------------------------------------------------------------------

ORDERS, INVENTORY = make_key("module", "Orders"), make_key("module", "Inventory")
TEST, PRODUCTION = make_key("environment", "Test"), make_key("environment", "Production")


def config_item(module_key, module_name, key, name, kind, values):
    return {"ModuleKey": module_key, "ModuleName": module_name, "ConfigurationItemKey": key, "ConfigurationItemName": name,
            "ConfigurationItemType": kind,
            "Values": [{"EnvironmentKey": env_key, "EnvironmentName": env_name, "TargetValue": value} for env_key, env_name, value in values]}


def trigger_manifest(tmp_path, items):
    manifest = {
        "ApplicationVersions": [{"ApplicationKey": make_key("application", "Orders"), "ApplicationName": "Orders",
                                 "VersionKey": make_key("version", "Orders", "2.1.0"), "VersionNumber": "2.1.0", "IsTestApplication": False}],
        "ConfigurationItems": items,
        "EnvironmentDefinitions": [{"EnvironmentKey": TEST, "EnvironmentName": "Test", "EnvironmentLabel": "Regression"},
                                   {"EnvironmentKey": PRODUCTION, "EnvironmentName": "Production", "EnvironmentLabel": "Production"}],
    }
    path = tmp_path / "trigger_manifest.json"
    path.write_text(json.dumps(manifest))
    return str(path)


RELEASE_ITEMS = [
    config_item(ORDERS, "Orders", "sp-pagesize", "PageSize", "SiteProperty", [(TEST, "Test", "20"), (PRODUCTION, "Production", "50")]),
    config_item(ORDERS, "Orders", "rest-payments", "PaymentsAPI", "REST_Endpoint", [(PRODUCTION, "Production", SECRET)]),
    config_item(INVENTORY, "Inventory", "timer-sync", "NightlySync", "TimerSchedule", [(TEST, "Test", "0 3 * * *")]),
]


def test_a_manifest_sets_only_the_values_for_the_environment_it_labels(simulator, run, tmp_path):
    result = run("configuration_value", manifest=trigger_manifest(tmp_path, RELEASE_ITEMS), environment="Regression")
    assert result["changed"] is True and result["sent"] == 2, result
    assert sorted(stored(simulator)) == [("Inventory", "Test", "TimerSchedule", "timer-sync", "0 3 * * *"),
                                         ("Orders", "Test", "SiteProperty", "sp-pagesize", "20")]
    assert [(e["module"], e["name"], e["type"], e["value"]) for e in result["configuration_values"]] == [
        ("Orders", "PageSize", "site_property", "20"), ("Inventory", "NightlySync", "timer_schedule", "0 3 * * *")]


def test_a_manifest_in_check_mode_sends_nothing_and_a_secret_stays_hidden(simulator, run, tmp_path):
    result = run("configuration_value", check_mode=True, diff=True, manifest=trigger_manifest(tmp_path, RELEASE_ITEMS),
                 environment=PRODUCTION, secret=True)
    assert result["changed"] is True and result["sent"] == 0 and simulator.mutating_requests() == []
    assert [e["value"] for e in result["configuration_values"]] == ["********", "********"]
    assert "S3cr3t" not in json.dumps(result) and '"50"' not in json.dumps(result["diff"])


def test_every_problem_of_a_manifest_is_listed_before_any_put(simulator, run, tmp_path):
    items = RELEASE_ITEMS + [
        config_item(make_key("module", "Ordrs"), "Ordrs", "sp-x", "X", "SiteProperty", [(TEST, "Test", "1")]),
        config_item(ORDERS, "Orders", "sp y", "Y", "SiteProperty", [(TEST, "Test", "1")]),
    ]
    result = run("configuration_value", manifest=trigger_manifest(tmp_path, items), environment="Test")
    assert result["failed"] and "(2 problems), nothing was set" in result["msg"], result["msg"]
    assert "configuration item X of module Ordrs" in result["msg"] and "key 'sp y' is not a key" in result["msg"]
    assert simulator.mutating_requests() == []


def test_values_the_server_refuses_fail_the_task_after_the_others_are_set(simulator, run, tmp_path):
    items = [config_item(make_key("module", "HROnboarding"), "HROnboarding", "sp-welcome", "Welcome", "SiteProperty", [(TEST, "Test", "Hi")])]
    result = run("configuration_value", manifest=trigger_manifest(tmp_path, RELEASE_ITEMS + items), environment="Test")
    assert result["failed"] and result["msg"].startswith("1 of 3 configuration values were not set:"), result["msg"]
    assert "HROnboarding in Test: site_property Welcome (sp-welcome): PUT /PropertiesAPI/rest/v1/Modules/" in result["msg"]
    assert "Module 'HROnboarding' is not deployed in environment 'Test'" in result["msg"]
    assert result["sent"] == 2 and len(stored(simulator)) == 2


def test_no_value_for_the_environment_is_no_change(simulator, run, tmp_path):
    result = run("configuration_value", manifest=trigger_manifest(tmp_path, RELEASE_ITEMS), environment="Development")
    assert result["changed"] is False and result["configuration_values"] == [] and simulator.mutating_requests() == []


def test_an_environment_neither_the_manifest_nor_lifetime_has(simulator, run, tmp_path):
    result = run("configuration_value", manifest=trigger_manifest(tmp_path, RELEASE_ITEMS), environment="Regresion")
    assert result["failed"] and "environment 'Regresion' not found" in result["msg"], result["msg"]
    assert "defines: Regression, Production. Did you mean 'Regression'?" in result["msg"]
    assert simulator.mutating_requests() == []


def test_the_collections_manifest_with_an_item_it_marks_secret(simulator, run, tmp_path):
    manifest = tmp_path / "release.yml"
    manifest.write_text(yaml.safe_dump({
        "applications": [{"name": "Orders", "version": "2.1.0"}],
        "configuration_items": [
            {"module_name": "Orders", "key": "rest-payments", "name": "PaymentsAPI", "type": "rest_endpoint", "secret": True,
             "values": [{"environment_name": "Production", "value": SECRET}]},
            {"module_name": "Orders", "key": "sp-pagesize", "name": "PageSize", "type": "SiteProperty",
             "values": [{"environment_name": "Production", "value": "50"}, {"environment_name": "Test", "value": "20"}]},
        ]}))
    result = run("configuration_value", diff=True, manifest=str(manifest), environment="Production")
    assert not result.get("failed"), result
    assert [(e["name"], e["value"], e["secret"]) for e in result["configuration_values"]] == [
        ("PaymentsAPI", "********", True), ("PageSize", "50", False)]
    assert "S3cr3t" not in json.dumps(result)
    assert sorted(stored(simulator)) == [("Orders", "Production", "REST_Endpoint", "rest-payments", SECRET),
                                         ("Orders", "Production", "SiteProperty", "sp-pagesize", "50")]


def test_a_secret_value_is_not_in_the_modules_system_log(simulator, run, monkeypatch):
    from ansible.module_utils import basic

    logged = []
    monkeypatch.setattr(basic.AnsibleModule, "log", lambda module, msg, log_args=None: logged.append((msg, dict(log_args or {}))))
    run("configuration_value", **dict(ITEM, value=SECRET, secret=True))
    run("configuration_value", **dict(ITEM, value="plain-page-size"))
    assert len(logged) == 2 and "plain-page-size" in str(logged[1])  # what the module logs when it is not a secret
    assert "S3cr3t" not in str(logged[0])
