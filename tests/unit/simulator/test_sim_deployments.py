"""Deployment plans: life cycle, scenarios (two-step, DB mappings, conflicts, errors/warnings), binary round trip."""
import io
import json
import time
import zipfile

import pytest
import requests
from lifetime_simulator import Simulator
from lifetime_simulator.downloads import MANIFEST_NAME, build_package

from testlib.simulator_api import TOKEN


def wait_status(api, key, wanted, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = api.get("/deployments/{0}/status/".format(key)).json()
        if status["DeploymentStatus"] in wanted:
            return status
        time.sleep(0.05)
    raise AssertionError("plan {0} never reached {1}: {2}".format(key, wanted, status))


def create_plan(api, apps=(("Customer Portal", "1.2.0"),), source="Development", target="Test", zone=""):
    body = {"Notes": "test plan", "SourceEnvironmentKey": api.env_key(source), "TargetEnvironmentKey": api.env_key(target),
            "ApplicationOperations": [{"ApplicationVersionKey": api.version_key(app, label), "DeploymentZoneKey": zone} for app, label in apps]}
    response = api.post("/deployments/", json=body)
    assert response.status_code == 201, response.text
    assert response.headers["Content-Type"].startswith("text/plain")
    return response.text


def test_full_life_cycle(api, sim):
    key = create_plan(api, (("Customer Portal", "1.2.0"), ("Orders", "2.1.0")), target="Production")
    assert api.get("/deployments/{0}/status/".format(key)).json()["DeploymentStatus"] == "saved"
    details = api.get("/deployments/" + key).json()
    assert details["Deployment"]["Key"] == key and details["ApplicationConflicts"] == []
    assert len(details["Deployment"]["ApplicationOperations"]) == 2
    listed = api.get("/deployments/").json()
    assert [plan["Key"] for plan in listed] == [key]
    assert api.get("/deployments/", params={"TargetEnvironmentKey": api.env_key("Test")}).status_code == 204
    response = api.post("/deployments/{0}/start/".format(key), params={"RedeployOutdated": "true"})
    assert response.status_code == 202 and response.content == b""
    assert api.get("/deployments/{0}/status/".format(key)).json()["DeploymentStatus"] == "running"
    assert sim.state.running_version("Production", "Customer Portal") == "1.0.0"
    status = wait_status(api, key, ("finished_successful",))
    assert status["Info"] == "" and status["DeploymentLog"]
    assert all(entry["Instant"].endswith("Z") for entry in status["DeploymentLog"])
    assert sim.state.running_version("Production", "Customer Portal") == "1.2.0"
    assert sim.state.running_version("Production", "Orders") == "2.1.0"
    assert sim.state.is_modified("Production", "Customer Portal") is False
    assert [p.status for p in sim.state.deployments] == ["finished_successful"]


def test_commands_in_wrong_state_are_refused(api):
    key = create_plan(api)
    response = api.post("/deployments/{0}/continue/".format(key))
    assert response.status_code == 400 and "saved" in response.json()["Errors"][0]
    detailed = api.post("/deployments/{0}/abort/".format(key), params={"IncludeErrorDetails": "true"}).json()["Errors"]
    terse = api.post("/deployments/{0}/abort/".format(key)).json()["Errors"]
    assert len(detailed) > len(terse) == 1
    assert api.post("/deployments/{0}/jump/".format(key)).status_code == 400
    api.post("/deployments/{0}/start/".format(key))
    assert api.post("/deployments/{0}/start/".format(key)).status_code == 400
    assert api.delete("/deployments/" + key).status_code == 400
    body = {"Notes": "x", "SourceEnvironmentKey": api.env_key("Development"), "TargetEnvironmentKey": api.env_key("Test"),
            "ApplicationOperations": []}
    assert api.put("/deployments/" + key, json=body).status_code == 400


def test_update_and_delete_saved_plan(api):
    key = create_plan(api)
    body = {"Notes": "changed", "SourceEnvironmentKey": api.env_key("Development"), "TargetEnvironmentKey": api.env_key("Test"),
            "ApplicationOperations": [{"ApplicationVersionKey": api.version_key("Orders", "2.1.0"), "DeploymentZoneKey": ""}]}
    response = api.put("/deployments/" + key + "/", json=body)
    assert response.status_code == 200 and response.json()["Notes"] == "changed"
    assert api.delete("/deployments/" + key).status_code == 204
    assert api.get("/deployments/" + key).status_code == 404


def test_parallel_plans_to_same_target(api):
    first = create_plan(api, (("Customer Portal", "1.2.0"),))
    second = create_plan(api, (("Inventory", "1.0.0"),))
    assert api.post("/deployments/{0}/start/".format(first)).status_code == 202
    assert api.post("/deployments/{0}/start/".format(second)).status_code == 202


def test_abort(api, sim):
    key = create_plan(api)
    api.post("/deployments/{0}/start/".format(key))
    assert api.post("/deployments/{0}/abort/".format(key)).status_code == 202
    wait_status(api, key, ("aborted",))
    assert sim.state.running_version("Test", "Customer Portal") == "1.1.0"


def test_two_step(api, sim):
    sim.set_scenario("two_step")
    key = create_plan(api)
    api.post("/deployments/{0}/start/".format(key))
    status = wait_status(api, key, ("needs_user_intervention",))
    assert status["Info"] == "deployment_prepared"
    assert sim.state.running_version("Test", "Customer Portal") == "1.1.0"
    assert api.post("/deployments/{0}/continue/".format(key)).status_code == 202
    wait_status(api, key, ("finished_successful",))
    assert sim.state.running_version("Test", "Customer Portal") == "1.2.0"


@pytest.mark.parametrize("scenario, info, log_type", [("suspended", "deployment_suspended", "Error"),
                                                      ("business_process_impact", "business_process_impact", "Warning")])
def test_intervention_for_a_suspension_or_process_impact(api, sim, scenario, info, log_type):
    sim.set_profile("swagger")  # log entries with their Type
    sim.set_scenario(scenario)
    key = create_plan(api)
    api.post("/deployments/{0}/start/".format(key))
    status = wait_status(api, key, ("needs_user_intervention",))
    assert status["Info"] == info
    assert [entry["Type"] for entry in status["DeploymentLog"]][-2:] == [log_type, "Warning"]
    assert sim.state.running_version("Test", "Customer Portal") == "1.1.0"
    assert api.post("/deployments/{0}/continue/".format(key)).status_code == 202
    wait_status(api, key, ("finished_successful",))
    assert sim.state.running_version("Test", "Customer Portal") == "1.2.0"


def test_db_mappings(api, sim):
    sim.set_scenario("db_mappings", extension="ERPConnector", logical_database="ERP")
    key = create_plan(api)
    assert api.get("/deployments/{0}/getmissingdbmappings/".format(key)).status_code == 204
    api.post("/deployments/{0}/start/".format(key))
    status = wait_status(api, key, ("needs_user_intervention",))
    assert status["Info"] == "needs_configuration_or_confirmation"
    missing = api.get("/deployments/{0}/getmissingdbmappings/".format(key)).json()
    assert missing[0]["ExtensionName"] == "ERPConnector" and missing[0]["LogicalDatabase"] == "ERP"
    refused = api.post("/deployments/{0}/continue/".format(key), params={"IncludeErrorDetails": "True"})
    assert refused.status_code == 400 and "ERP" in " ".join(refused.json()["Errors"])
    config = [{"ExtensionKey": missing[0]["ExtensionKey"], "DBMapping": [{"DatabaseName": "erp_test", "LogicalDatabaseName": "ERP"}]}]
    configured = api.post("/deployments/{0}/configuration/".format(key), json=config)
    # As documented (mapdb-configuration): a text answer, and the plan resumes by itself.
    assert configured.status_code == 200 and configured.text == "Mapping succeeded and deployment triggered"
    assert configured.headers["Content-Type"].startswith("text/plain")
    assert api.get("/deployments/{0}/status/".format(key)).json()["DeploymentStatus"] == "running"
    late = api.post("/deployments/{0}/continue/".format(key), params={"IncludeErrorDetails": "true"})
    assert late.status_code == 400 and "running" in late.json()["Errors"][0], "a continue on a running plan is refused"
    wait_status(api, key, ("finished_successful",))


def test_conflicts(api, sim):
    sim.set_scenario("conflicts")
    key = create_plan(api, (("Shared Components", "1.1.0"),), target="Production")
    details = api.get("/deployments/" + key).json()
    assert details["ApplicationConflicts"] and details["ApplicationConflicts"][0]["Message"]
    assert api.get(f"/applications/{api.app_key('Customer Portal')}/").status_code == 200
    assert set(details["ApplicationsToRedeploy"]) == {api.app_key("Customer Portal"), api.app_key("Orders")}
    terse = api.post("/deployments/{0}/start/".format(key))
    assert terse.status_code == 400 and len(terse.json()["Errors"]) == 1 and "conflict" in terse.json()["Errors"][0]
    detailed = api.post("/deployments/{0}/start/".format(key), params={"IncludeErrorDetails": "true"}).json()["Errors"]
    assert details["ApplicationConflicts"][0]["Message"] in detailed
    sim.clear_scenarios()
    assert api.post("/deployments/{0}/start/".format(key)).status_code == 202


@pytest.mark.parametrize("scenario", ["finished_with_errors", "finished_with_warnings"])
def test_outcome_scenarios(api, sim, scenario):
    sim.set_profile("swagger")  # log entries with their Type
    sim.set_scenario(scenario)
    key = create_plan(api)
    api.post("/deployments/{0}/start/".format(key))
    status = wait_status(api, key, (scenario,))
    kinds = {entry["Type"] for entry in status["DeploymentLog"]}
    assert ("Error" if scenario == "finished_with_errors" else "Warning") in kinds
    expected = "1.1.0" if scenario == "finished_with_errors" else "1.2.0"
    assert sim.state.running_version("Test", "Customer Portal") == expected


def test_binary_deployment_round_trip(api, sim):
    app_key, version_key = api.app_key("Customer Portal"), api.version_key("Customer Portal", "1.2.0")
    link = api.get("/applications/{0}/versions/{1}/content/".format(app_key, version_key)).json()
    assert link["url"].startswith(sim.root_url + "/") and link["expires"].endswith("Z")
    # OutSystems' client sends the token without "Bearer " to links; without a token a link answers 401.
    payload = requests.get(link["url"], headers={"Authorization": "test-token"}, timeout=5).content
    again_url = api.get("/applications/{0}/versions/{1}/content/".format(app_key, version_key)).json()["url"]
    assert requests.get(again_url, timeout=5).status_code == 401
    again = api.session.get(again_url, timeout=5).content
    assert payload == again and payload[:2] == b"PK"
    response = api.post("/environments/{0}/deployment/".format(api.env_key("Production")), data=payload,
                        headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 201 and response.headers["Content-Type"].startswith("text/plain")
    key = response.text
    details = api.get("/deployments/" + key).json()
    # As documented (infra-binary-get-plan): no source, no operations; the applications in ApplicationsToDeploy.
    assert details["ApplicationsToDeploy"] == [{"ApplicationKey": app_key, "ApplicationName": "Customer Portal", "IsNew": False}]
    assert details["ModulesToDelete"] == []
    plan = details["Deployment"]
    assert (plan["SourceEnvironmentKey"], plan["ApplicationOperations"], plan["Notes"]) == ("", [], "")
    assert plan["StartedOn"] == plan["AbortedOn"] == "1900-01-01T00:00:00"
    api.post("/deployments/{0}/start/".format(key))
    wait_status(api, key, ("finished_successful",))
    assert sim.state.running_version("Production", "Customer Portal") == "1.2.0"
    bad = api.post("/environments/{0}/deployment/".format(api.env_key("Test")), data=b"not a package",
                   headers={"Content-Type": "application/octet-stream"})
    assert bad.status_code == 400


def test_binary_deployment_of_an_application_new_to_this_infrastructure(api, sim):
    """A package exported by another LifeTime creates its application here, with the same key and modules."""
    sim.set_profile("swagger")  # ModulesInBinary
    other = Simulator(token=TOKEN, deploy_seconds=0.3, seed_apps=1)
    other.start()
    try:
        source_app = other.state.find_app("App 0001")
        payload = build_package(other.state, source_app, source_app.version_by_label("1.0.0"))
    finally:
        other.stop()
    assert sim.state.find_app("App 0001") is None
    response = api.post("/environments/{0}/deployment/".format(api.env_key("Production")), data=payload,
                        headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 201, response.text
    key = response.text
    details = api.get("/deployments/" + key).json()
    assert [(app["ApplicationName"], app["IsNew"]) for app in details["ApplicationsToDeploy"]] == [("App 0001", True)]
    assert [module["ModuleName"] for module in details["ApplicationsToDeploy"][0]["ModulesInBinary"]] == ["App0001"]
    api.post("/deployments/{0}/start/".format(key))
    wait_status(api, key, ("finished_successful",))
    assert sim.state.running_version("Production", "App 0001") == "1.0.0"
    listed = [app for app in api.get("/applications/").json() if app["Name"] == "App 0001"]
    assert [app["Key"] for app in listed] == [source_app.key]


def test_binary_deployment_refuses_a_package_whose_name_another_application_has(api):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST_NAME, json.dumps({"ApplicationKey": "another-key", "ApplicationName": "Orders", "Version": "9.0.0",
                                                    "VersionKey": "another-version", "Kind": "oap"}))
    response = api.post("/environments/{0}/deployment/".format(api.env_key("Test")), data=buffer.getvalue(),
                        headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 400 and "Orders" in " ".join(response.json()["Errors"])


def test_deployment_list_filters(api):
    key = create_plan(api)
    assert api.get("/deployments/", params={"MinDate": "2000-01-01", "MaxDate": "2000-12-31"}).status_code == 204
    today = time.strftime("%Y-%m-%d", time.gmtime())
    assert [p["Key"] for p in api.get("/deployments/", params={"MinDate": today, "MaxDate": today}).json()] == [key]
    assert api.get("/deployments/", params={"TargetEnvironmentKey": api.env_key("Test")}).json()[0]["Key"] == key
