"""Server start/stop, auth, routing, validation, admin endpoints and the request log."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from testlib.collection import TESTS as TESTS_DIR
from testlib.simulator_api import TOKEN
from lifetime_simulator import Simulator


def test_start_and_stop_under_one_second():
    began = time.monotonic()
    sim = Simulator(token="t")
    base_url = sim.start()
    assert base_url == sim.root_url + "/lifetimeapi/rest/v2"
    assert base_url.startswith("http://127.0.0.1:")
    assert requests.get(sim.root_url + "/_sim/health", timeout=5).status_code == 200
    sim.stop()
    assert time.monotonic() - began < 1.0


def test_context_manager_and_loopback_only():
    with Simulator(token="t") as sim:
        assert requests.get(sim.base_url + "/environments/", headers={"Authorization": "Bearer t"}, timeout=5).status_code == 200
    try:
        Simulator(host="0.0.0.0")
    except ValueError as error:
        assert "loopback" in str(error)
    else:
        raise AssertionError("non-loopback host accepted")


def test_missing_or_wrong_token_is_401(sim):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = requests.get(sim.base_url + "/applications/", headers=headers, timeout=5)
        assert response.status_code == 401
        assert response.json()["StatusCode"] == 401 and response.json()["Errors"]


def test_trailing_slash_both_ways(api):
    key = api.env_key("Test")
    assert api.get("/environments").status_code == 200
    assert api.get("/environments/").status_code == 200
    assert api.get("/environments/" + key).json()["Name"] == "Test"
    assert api.get("/environments/" + key + "/").json()["Name"] == "Test"


def test_unknown_route_404_and_wrong_method_405(api):
    response = api.get("/nothing/here/")
    assert response.status_code == 404 and response.json()["StatusCode"] == 404
    response = api.delete("/applications/")
    assert response.status_code == 405 and response.json()["StatusCode"] == 405


def test_empty_lists_answer_204_without_body(api):
    response = api.get("/deployments/")
    assert response.status_code == 204 and response.content == b""
    for env in ("Development", "Test", "Production"):
        assert api.get("/environments/{0}/dbconnections/".format(api.env_key(env))).status_code == (200 if env == "Development" else 204)


def test_seeded_data(api, sim):
    envs = api.get("/environments/").json()
    assert [(e["Name"], e["Order"], e["HostName"]) for e in envs] == [
        ("Development", 1, "dev.lifetime.example.com"), ("Test", 2, "test.lifetime.example.com"), ("Production", 3, "prod.lifetime.example.com")]
    names = {app["Name"] for app in api.get("/applications/").json()}
    assert names == {"Customer Portal", "Orders", "Inventory", "HR Onboarding", "Mobile Banking", "Shared Components"}
    assert sim.state.running_version("Development", "Customer Portal") == "1.2.0"
    assert sim.state.running_version("Test", "Customer Portal") == "1.1.0"
    assert sim.state.running_version("Production", "Customer Portal") == "1.0.0"
    assert sim.state.running_version("Test", "HR Onboarding") is None
    assert sim.state.is_modified("Development", "Customer Portal") is True
    assert sim.state.is_modified("Development", "Orders") is False
    zones = api.get("/environments/{0}/deploymentzones/".format(api.env_key("Test"))).json()
    assert [(z["Name"], z["IsDefault"]) for z in zones] == [("Global", True), ("DMZ", False)]
    users = {u["Username"]: u["RoleName"] for u in api.get("/users/").json()}
    assert users == {"admin": "Administrator", "alice": "Developer", "bob": "Developer"}
    teams = api.get("/teams/", params={"IncludeUsers": "true", "IncludeApplications": "true"}).json()
    platform = next(t for t in teams if t["name"] == "Platform")
    assert platform["applications"][0]["Name"] == "Customer Portal" and platform["users"][0]["Username"] == "alice"
    blocked = api.get("/environments/blockedipaddresses/").json()
    assert blocked[0]["ipAddress"] == "203.0.113.7"


def test_keys_are_stable_across_reset(api, sim):
    before = api.get("/applications/").json()
    requests.post(sim.root_url + "/_sim/reset", timeout=5)
    assert api.get("/applications/").json() == before


def test_validation_errors(api):
    env, app = api.env_key("Development"), api.app_key("Orders")
    path = "/environments/{0}/applications/{1}/versions/".format(env, app)
    response = api.post(path, json={"Version": "9.0.0", "Foo": 1})
    assert response.status_code == 400
    assert "property 'Foo' is not allowed in ApplicationVersionCreate" in response.json()["Errors"][0]
    response = api.post(path, json={"Version": 9})
    assert response.status_code == 400 and "must be a string" in response.json()["Errors"][0]
    response = api.post("/deployments/", json={"Notes": "x", "SourceEnvironmentKey": env})
    assert response.status_code == 400 and "required" in response.json()["Errors"][0]
    response = api.get("/applications/", params={"IncludeModules": "yes"})
    assert response.status_code == 400 and "IncludeModules" in response.json()["Errors"][0]
    response = api.get("/applications/{0}/versions/".format(app), params={"MaximumVersionsToReturn": "many"})
    assert response.status_code == 400
    response = api.get("/deployments/", params={"MinDate": "yesterday"})
    assert response.status_code == 400
    response = api.post(path, data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert api.get("/applications/", params={"IncludeModules": "TRUE", "IncludeEnvStatus": "True"}).status_code == 200


def test_token_renewal_keeps_old_token(api, sim):
    response = api.post("/auth/tokens/", json={"timePeriod": 2, "unit": "M"})
    assert response.status_code == 200
    new_token = response.json()["token"]
    assert response.json()["expiresAt"].endswith("Z")
    assert requests.get(sim.base_url + "/environments/", headers={"Authorization": "Bearer " + new_token}, timeout=5).status_code == 200
    assert api.get("/environments/").status_code == 200
    assert new_token in sim.valid_tokens
    assert api.post("/auth/tokens/", json={"timePeriod": 0}).status_code == 400


def test_request_log_and_admin_endpoints(api, sim, tmp_path):
    sim.clear_requests()
    api.get("/environments/", params={"x": "1"})
    api.post("/deployments/", json={"Notes": "n"})
    log = sim.requests()
    assert [(e["method"], e["path"], e["status"]) for e in log] == [
        ("GET", "/lifetimeapi/rest/v2/environments/", 200), ("POST", "/lifetimeapi/rest/v2/deployments/", 400)]
    assert log[0]["query"] == {"x": "1"} and log[1]["body"] == {"Notes": "n"}
    assert all(set(e) == {"method", "path", "query", "body", "status", "time"} for e in log)
    assert [e["method"] for e in sim.mutating_requests()] == ["POST"]
    assert TOKEN not in json.dumps(log)
    admin = requests.get(sim.root_url + "/_sim/requests", timeout=5).json()
    assert len(admin) == 2
    requests.delete(sim.root_url + "/_sim/requests", timeout=5)
    assert sim.requests() == []
    state = requests.get(sim.root_url + "/_sim/state", timeout=5).json()
    portal = next(a for a in state["applications"] if a["name"] == "Customer Portal")
    assert portal["running"]["Development"] == {"version": "1.2.0", "modified": True}
    assert requests.post(sim.root_url + "/_sim/scenarios", json={"name": "nope"}, timeout=5).status_code == 400


def test_request_log_file(tmp_path):
    log_file = tmp_path / "requests.jsonl"
    with Simulator(token="t", request_log=str(log_file)) as sim:
        requests.get(sim.base_url + "/environments/", headers={"Authorization": "Bearer t"}, timeout=5)
    lines = [json.loads(line) for line in log_file.read_text().splitlines()]
    assert lines[0]["path"] == "/lifetimeapi/rest/v2/environments/" and lines[0]["status"] == 200
    assert "Bearer" not in log_file.read_text()


def run_cli(args, timeout=10):
    env = dict(os.environ, PYTHONPATH=str(TESTS_DIR))
    process = subprocess.Popen([sys.executable, "-m", "lifetime_simulator", "--port", "0"] + args, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    began = time.monotonic()
    line = process.stdout.readline()
    return process, line, time.monotonic() - began


def test_cli_prints_url_and_stops_on_sigterm():
    process, line, elapsed = run_cli(["--token", "demo-token", "--scenario", "http_5xx:status=502,count=1"])
    try:
        assert line.startswith("LifeTime simulator listening on http://127.0.0.1:")
        assert line.rstrip().endswith("/lifetimeapi/rest/v2 (token: demo-token)")
        assert elapsed < 1.5
        base = line.split()[4]
        headers = {"Authorization": "Bearer demo-token"}
        assert requests.get(base + "/environments/", headers=headers, timeout=5).status_code == 502
        assert requests.get(base + "/environments/", headers=headers, timeout=5).status_code == 200
    finally:
        process.terminate()
        assert process.wait(timeout=5) == 0


def test_seed_apps_2000_starts_fast():
    process, line, elapsed = run_cli(["--token", "t", "--seed-apps", "2000"])
    try:
        assert elapsed < 3.0, elapsed
        base = line.split()[4]
        began = time.monotonic()
        apps = requests.get(base + "/applications/", headers={"Authorization": "Bearer t"}, params={"IncludeEnvStatus": "true"}, timeout=10).json()
        assert len(apps) == 2006 and time.monotonic() - began < 2.0
        assert any(app["Name"] == "App 2000" for app in apps)
    finally:
        process.terminate()
        process.wait(timeout=5)


def test_package_has_no_runtime_dependencies():
    package = Path(TESTS_DIR) / "lifetime_simulator"
    for source in package.glob("*.py"):
        text = source.read_text()
        assert "import requests" not in text and "import jsonschema" not in text, source
