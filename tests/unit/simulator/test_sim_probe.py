"""The simulator's CI/CD Probe and BDD Framework: scan shapes v1/v2, the key, dependencies, runners, admin, reset, faults."""
import requests

SERVER = "/BDDFramework/rest/v1/BDDTestRunner/"
CLIENT = "/TestRunner_API/rest/v1/BDDTestRunner/"


def scan(sim, version, headers=None, **params):
    return requests.get("%s/v%d/ScanBDDTestEndpoints" % (sim.probe_url, version), params=params, headers=headers or {}, timeout=10)


def test_v1_and_v2_scan_shapes(sim):
    v1 = scan(sim, 1, ApplicationName="Orders").json()
    assert v1 == [{"BDDTestEndpointsInfo": {"EspaceName": "OrdersTests", "WebFlows": [
        {"Name": "Common"}, {"Name": "OrderFlows", "WebScreens": [{"Name": "CreateOrder"}, {"Name": "CancelOrder"}]}]}}]
    v2 = scan(sim, 2, ApplicationName="Customer Portal").json()
    assert v2 == [{"EspaceName": "CustomerPortalTests", "BDDFrameworkType": "client",
                   "TestFlows": [{"Name": "PortalFlows", "TestScreens": [{"Name": "Login"}, {"Name": "Checkout"}]}]}]
    assert scan(sim, 1, ApplicationName="Customer Portal").json() == [], "v1 has no client-side tests"
    assert scan(sim, 2, ApplicationName="Unknown App").json() == []


def test_each_version_reads_its_own_exclude_pattern(sim):
    assert scan(sim, 1, ApplicationName="Orders", WebFlowExcludePattern="^Order").json()[0]["BDDTestEndpointsInfo"]["WebFlows"] == [
        {"Name": "Common"}]
    assert len(scan(sim, 2, ApplicationName="Orders", WebFlowExcludePattern="^Order").json()[0]["TestFlows"]) == 2
    assert scan(sim, 2, ApplicationName="Orders", TestFlowExcludePattern="[").status_code == 400


def test_the_key_is_checked_only_when_set(sim):
    sim.probe.configure({"key": "k1"})
    assert scan(sim, 1, ApplicationName="Orders").status_code == 401
    assert scan(sim, 1, headers={"X-CICDProbe-Key": "k1"}, ApplicationName="Orders").status_code == 200
    sim.reset()
    assert scan(sim, 1, ApplicationName="Orders").status_code == 200


def test_dependencies_follow_the_lifetime_producers_or_what_the_admin_sets(sim):
    def producers(name, version="1.0.0"):
        answer = requests.get(sim.probe_url + "/v1/GetApplicationDependencies", params={"ApplicationName": name, "ApplicationVersion": version},
                              timeout=10)
        return [item["ApplicationName"] for item in answer.json()]

    assert producers("Orders") == ["Shared Components"] and producers("Inventory") == []
    requests.post(sim.root_url + "/_sim/probe", json={"dependencies": {"Inventory": {"1.0.0": ["Orders"]}}}, timeout=10)
    assert producers("Inventory") == ["Orders"] and producers("Inventory", "0.9.0") == []
    assert requests.get(sim.probe_url + "/v1/GetApplicationDependencies", params={"ApplicationName": "Orders"}, timeout=10).status_code == 400


def test_runners_answer_each_outcome_and_only_for_their_variant(sim):
    def run(base, test):
        return requests.get(sim.root_url + base + test, timeout=10)

    assert run(SERVER, "OrdersTests/CreateOrder").json() == {"SuiteSuccess": True, "ErrorMessage": "", "SuccessfulScenarios": 3,
                                                             "FailedScenarios": 0, "FailureReports": []}
    assert run(SERVER, "InventoryTests/StockLevels").json()["FailedScenarios"] == 1
    assert run(CLIENT, "CustomerPortalTests/Login").json()["SuiteSuccess"] is True
    assert run(SERVER, "CustomerPortalTests/Login").status_code == 404 and run(CLIENT, "OrdersTests/CreateOrder").status_code == 404
    sim.probe.configure({"tests": {"OrdersTests/CreateOrder": {"outcome": "http_error", "status": 502},
                                   "OrdersTests/CancelOrder": {"outcome": "bad_json", "body": "oops"}}})
    assert run(SERVER, "OrdersTests/CreateOrder").status_code == 502
    assert run(SERVER, "OrdersTests/CancelOrder").text == "oops"
    assert requests.get(sim.root_url + "/_sim/probe", timeout=10).json()["runs"][-2:] == ["OrdersTests/CreateOrder", "OrdersTests/CancelOrder"]


def test_fault_scenarios_apply_to_probe_and_runner_paths(sim):
    sim.set_scenario("rate_limit", path_contains="BDDTestRunner", retry_after=3, count=1)
    first = requests.get(sim.root_url + SERVER + "OrdersTests/CreateOrder", timeout=10)
    assert first.status_code == 429 and first.headers["Retry-After"] == "3"
    assert requests.get(sim.root_url + SERVER + "OrdersTests/CreateOrder", timeout=10).status_code == 200
