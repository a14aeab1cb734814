"""The promote role sets a manifest's configuration values for the target after the deployment (promote_apply_configuration),
with real ansible-playbook against the simulator: values visible through the simulator's admin endpoint."""

import json

import requests
import yaml

from lifetime_simulator.model import make_key
from testlib.collection import REPO

PROMOTE = REPO / "playbooks" / "promote.yml"
SECRET = "https://payments.example.com/api?key=Pr0d-Payments-S3cret"
ORDERS_MODULE, INVENTORY_MODULE = make_key("module", "Orders"), make_key("module", "Inventory")
DEVELOPMENT, TEST, PRODUCTION = (make_key("environment", name) for name in ("Development", "Test", "Production"))


def item(module_key, module_name, key, name, kind, values):
    return {"ModuleKey": module_key, "ModuleName": module_name, "ConfigurationItemKey": key, "ConfigurationItemName": name,
            "ConfigurationItemType": kind,
            "Values": [{"EnvironmentKey": env_key, "EnvironmentName": env_name, "TargetValue": value} for env_key, env_name, value in values]}


ITEMS = [
    item(ORDERS_MODULE, "Orders", "sp-pagesize", "PageSize", "SiteProperty", [(TEST, "Test", "20"), (PRODUCTION, "Production", "50")]),
    item(ORDERS_MODULE, "Orders", "rest-payments", "PaymentsAPI", "REST_Endpoint", [(PRODUCTION, "Production", SECRET)]),
    item(INVENTORY_MODULE, "Inventory", "timer-sync", "NightlySync", "TimerSchedule", [(TEST, "Test", "0 3 * * *")]),
]


def files(simulator, tmp_path, items=None):
    """A release manifest (Orders 2.1.0, which Test runs and Production does not) and a Trigger manifest of configuration values."""
    orders = make_key("application", "Orders")
    version_key = simulator.state.find_app("Orders").version_by_label("2.1.0").key
    release = tmp_path / "release.yml"
    release.write_text(yaml.safe_dump({"source_environment": "Test", "target_environment": "Production",
                                       "applications": [{"name": "Orders", "key": orders, "version": "2.1.0", "version_key": version_key}]}))
    trigger = tmp_path / "configuration.json"
    trigger.write_text(json.dumps({
        "ApplicationVersions": [{"ApplicationKey": orders, "ApplicationName": "Orders", "VersionKey": version_key, "VersionNumber": "2.1.0",
                                 "IsTestApplication": False}],
        "ConfigurationItems": ITEMS if items is None else items,
        "EnvironmentDefinitions": [{"EnvironmentKey": DEVELOPMENT, "EnvironmentName": "Development", "EnvironmentLabel": "Development"},
                                   {"EnvironmentKey": TEST, "EnvironmentName": "Test", "EnvironmentLabel": "Regression"},
                                   {"EnvironmentKey": PRODUCTION, "EnvironmentName": "Production", "EnvironmentLabel": "Production"}]}))
    return {"source": "Test", "target": "Production", "manifest_in": str(release), "apply_configuration": True,
            "configuration_manifest": str(trigger)}


def admin_values(simulator):
    answer = requests.get(simulator.root_url + "/_sim/properties", timeout=10).json()
    return sorted((v["module_name"], v["environment_name"], v["type"], v["key"], v["value"]) for v in answer["values"])


def test_the_values_for_the_target_are_set_after_the_deployment_and_listed(playbook, simulator, tmp_path):
    run = playbook(PROMOTE, extra_vars=files(simulator, tmp_path))
    assert run.returncode == 0, run
    assert simulator.state.running_version("Production", "Orders") == "2.1.0"
    assert admin_values(simulator) == [("Orders", "Production", "REST_Endpoint", "rest-payments", SECRET),
                                       ("Orders", "Production", "SiteProperty", "sp-pagesize", "50")]
    # The PUTs come after the plan was created and run.
    paths = [entry["path"] for entry in simulator.mutating_requests()]
    first_put = next(index for index, path in enumerate(paths) if path.startswith("/PropertiesAPI/"))
    assert any(path.startswith("/lifetimeapi/rest/v2/deployments") for path in paths[:first_put]), paths
    assert '"set site_property PageSize of Orders = 50"' in run.stdout, run
    assert "set rest_endpoint PaymentsAPI of Orders = " + SECRET in run.stdout


def test_secret_values_are_hidden_in_the_summary_and_in_the_whole_vvv_output(playbook, simulator, tmp_path):
    run = playbook(PROMOTE, extra_vars=dict(files(simulator, tmp_path), configuration_secret=True), verbosity=3, diff=True)
    assert run.returncode == 0, run
    assert ("Orders", "Production", "REST_Endpoint", "rest-payments", SECRET) in admin_values(simulator)
    assert "Pr0d-Payments-S3cret" not in run.output
    assert '"set rest_endpoint PaymentsAPI of Orders = ********"' in run.stdout


def test_check_mode_sends_nothing_and_shows_what_would_be_set(playbook, simulator, tmp_path):
    run = playbook(PROMOTE, extra_vars=files(simulator, tmp_path), check=True)
    assert run.returncode == 0, run
    assert simulator.mutating_requests() == [] and admin_values(simulator) == []
    assert '"would set site_property PageSize of Orders = 50"' in run.stdout, run
    assert '"would deploy Orders: ' in run.stdout


def test_a_bad_item_stops_the_promotion_before_anything_changes(playbook, simulator, tmp_path):
    bad = ITEMS + [item(make_key("module", "Ordrs"), "Ordrs", "sp-x", "X", "SiteProperty", [(PRODUCTION, "Production", "1")])]
    run = playbook(PROMOTE, extra_vars=files(simulator, tmp_path, bad))
    assert run.returncode != 0, run
    assert "configuration item X of module Ordrs" in run.stdout and "nothing was set" in run.stdout, run
    assert simulator.mutating_requests() == []
    assert simulator.state.running_version("Production", "Orders") == "2.0.0"


def test_a_refused_value_fails_the_role_after_the_summary(playbook, simulator, tmp_path):
    simulator.set_scenario("properties_refused", path_contains="/RESTReferences/", message="The REST reference does not exist.")
    manifest_out = tmp_path / "production.yml"
    run = playbook(PROMOTE, extra_vars=dict(files(simulator, tmp_path), manifest_out=str(manifest_out)))
    assert run.returncode != 0, run
    assert simulator.state.running_version("Production", "Orders") == "2.1.0"
    assert admin_values(simulator) == [("Orders", "Production", "SiteProperty", "sp-pagesize", "50")]
    assert "The REST reference does not exist." in run.stdout and '"not set rest_endpoint PaymentsAPI of Orders = ' in run.stdout
    assert manifest_out.exists()


def test_the_pipeline_sets_each_stages_values_after_its_deployment(playbook, simulator, tmp_path):
    portal = make_key("module", "CustomerPortal")
    items = [item(ORDERS_MODULE, "Orders", "sp-pagesize", "PageSize", "SiteProperty",
                  [(DEVELOPMENT, "Development", "10"), (TEST, "Test", "20"), (PRODUCTION, "Production", "50")]),
             item(portal, "CustomerPortal", "rest-crm", "CrmAPI", "REST_Endpoint",
                  [(TEST, "Test", "https://crm-qa.example.com"), (PRODUCTION, "Production", "https://crm.example.com")])]
    extra = {"manifest": str(tmp_path / "next-release.yml"), "applications": ["Customer Portal", "Orders"], "apply_configuration": True,
             "configuration_manifest": files(simulator, tmp_path, items)["configuration_manifest"]}
    run = playbook(REPO / "playbooks" / "pipeline.yml", extra_vars=extra)
    assert run.returncode == 0, run
    assert admin_values(simulator) == [("CustomerPortal", "Test", "REST_Endpoint", "rest-crm", "https://crm-qa.example.com"),
                                       ("Orders", "Test", "SiteProperty", "sp-pagesize", "20")]
    confirmed = playbook(REPO / "playbooks" / "pipeline.yml", extra_vars=dict(extra, confirm_production=True))
    assert confirmed.returncode == 0, confirmed
    assert simulator.state.running_version("Production", "Customer Portal") == "1.2.1"
    assert admin_values(simulator) == [("CustomerPortal", "Production", "REST_Endpoint", "rest-crm", "https://crm.example.com"),
                                       ("CustomerPortal", "Test", "REST_Endpoint", "rest-crm", "https://crm-qa.example.com"),
                                       ("Orders", "Production", "SiteProperty", "sp-pagesize", "50"),
                                       ("Orders", "Test", "SiteProperty", "sp-pagesize", "20")]
