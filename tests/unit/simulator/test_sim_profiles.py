"""Server variants (profiles.py) and the documented shapes of deployment answers and download links."""
import pytest
import requests
from lifetime_simulator import Simulator
from lifetime_simulator.__main__ import parse_args
from lifetime_simulator.profiles import FLAGS, PROFILES, UnknownProfile

from test_basics import run_cli
from test_sim_deployments import create_plan, wait_status


def test_profile_table_is_consistent():
    assert "documented" in PROFILES and "lifetime-11.23" in PROFILES and "swagger" in PROFILES
    assert PROFILES["documented"] == {}, "the documented answers are the defaults"
    for flags in PROFILES.values():
        assert set(flags) <= set(FLAGS)
    with pytest.raises(UnknownProfile):
        Simulator(profile="lifetime-9")


def test_profile_chosen_on_the_command_line_shows_in_health():
    assert parse_args([]).profile == "documented"
    process, line, _elapsed = run_cli(["--token", "t", "--profile", "lifetime-11.23"])
    try:
        root = line.split()[4].split("/lifetimeapi")[0]
        assert requests.get(root + "/_sim/health", timeout=5).json()["profile"] == "lifetime-11.23"
    finally:
        process.terminate()
        assert process.wait(timeout=5) == 0


def test_profile_switched_at_run_time_and_back_on_reset(sim):
    health = sim.root_url + "/_sim/health"
    assert requests.get(health, timeout=5).json()["profile"] == "documented"
    answer = requests.post(sim.root_url + "/_sim/profile", json={"name": "swagger"}, timeout=5).json()
    assert answer == {"name": "swagger", "flags": ["binary_modules", "details_url", "log_type", "version_environment", "version_label"]}
    assert requests.get(health, timeout=5).json()["profile"] == "swagger"
    assert requests.post(sim.root_url + "/_sim/profile", json={"name": "nope"}, timeout=5).status_code == 400
    sim.reset()
    assert sim.profile == "documented"


def test_documented_plan_and_log_shapes(api, sim):
    key = create_plan(api)
    details = api.get("/deployments/" + key).json()
    assert set(details) == {"Deployment", "ApplicationsToRedeploy", "ApplicationConflicts"}, "an ordinary plan has no binary keys"
    assert details["Deployment"]["StartedOn"] == details["Deployment"]["AbortedOn"] == "1900-01-01T00:00:00"
    api.post("/deployments/{0}/start/".format(key))
    status = wait_status(api, key, ("finished_successful",))
    assert status["DeploymentLog"] and all(set(entry) == {"Instant", "Message"} for entry in status["DeploymentLog"])
    instants = [entry["Instant"] for entry in status["DeploymentLog"]]
    assert len(set(instants)) < len(instants), "several entries share one Instant"
    assert api.get("/deployments/" + key).json()["Deployment"]["StartedOn"].endswith("Z")

    sim.set_profile("swagger")
    assert all(entry["Type"] for entry in api.get("/deployments/{0}/status/".format(key)).json()["DeploymentLog"])


def test_before_11_24_a_start_is_refused_while_another_plan_runs_to_the_target(api, sim):
    sim.state.deploy_seconds = 1.0
    first = create_plan(api, (("Customer Portal", "1.2.0"),))
    second = create_plan(api, (("HR Onboarding", "1.0.0"),))
    elsewhere = create_plan(api, (("Orders", "2.1.0"),), target="Production")
    sim.set_profile("lifetime-11.23")
    assert api.post("/deployments/{0}/start/".format(first)).status_code == 202
    refused = api.post("/deployments/{0}/start/".format(second), params={"IncludeErrorDetails": "true"})
    assert refused.status_code == 400 and "another deployment" in refused.json()["Errors"][0]
    assert first in " ".join(refused.json()["Errors"])
    assert api.post("/deployments/{0}/start/".format(elsewhere)).status_code == 202, "other targets are not blocked"
    wait_status(api, first, ("finished_successful",))
    assert api.post("/deployments/{0}/start/".format(second)).status_code == 202


def test_binary_deployment_to_production_can_be_disabled(api, sim):
    app_key, version_key = api.app_key("Customer Portal"), api.version_key("Customer Portal", "1.2.0")
    link = api.get("/applications/{0}/versions/{1}/content/".format(app_key, version_key)).json()["url"]
    payload = api.session.get(link, timeout=5).content
    sim.set_scenario("binary_to_production_disabled")
    headers = {"Content-Type": "application/octet-stream"}
    refused = api.post("/environments/{0}/deployment/".format(api.env_key("Production")), data=payload, headers=headers)
    assert refused.status_code == 400 and "disabled" in refused.json()["Errors"][0]
    assert api.post("/environments/{0}/deployment/".format(api.env_key("Test")), data=payload, headers=headers).status_code == 201


def test_download_links_are_documented_api_calls_that_need_the_token(api, sim):
    app_key, version_key = api.app_key("Orders"), api.version_key("Orders", "2.1.0")
    link = api.get("/applications/{0}/versions/{1}/content/".format(app_key, version_key)).json()
    assert set(link) == {"url", "expires"}
    assert link["url"].startswith(sim.root_url + "/lifetimeapi/rest/v2/downloads/")
    assert len(link["url"].rsplit("/", 1)[1]) == 36, "the link ends in its key"
    assert link["expires"].endswith("Z") and "." not in link["expires"]
    assert requests.get(link["url"], timeout=5).status_code == 401
    assert requests.get(link["url"], headers={"Authorization": "Bearer wrong"}, timeout=5).status_code == 401
    fetched = api.session.get(link["url"], timeout=5)
    assert fetched.status_code == 200 and fetched.content[:2] == b"PK"
    assert "Orders" in fetched.headers["Content-Disposition"]


def test_solution_status_and_link_are_single_objects_and_the_link_waits_for_completed(api, sim):
    env = api.env_key("Production")
    key = api.post("/environments/{0}/solution".format(env), json={"SolutionName": "S", "ApplicationKeys": [api.app_key("Orders")],
                                                                   "IncludeReferences": True}).text
    early = api.get("/environments/{0}/solution/{1}".format(env, key))
    assert early.status_code == 400
    statuses = [api.get("/environments/{0}/solutionstatus/{1}".format(env, key)).json() for attempt in range(5)]
    assert all(set(status) == {"Status", "StatusReason"} for status in statuses) and statuses[-1]["Status"] == "Completed"
    link = api.get("/environments/{0}/solution/{1}".format(env, key)).json()
    assert set(link) == {"url", "expires"} and "/lifetimeapi/rest/v2/downloads/" in link["url"]
    assert api.session.get(link["url"], timeout=5).content[:2] == b"PK"
