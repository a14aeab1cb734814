"""test_endpoint_info and bdd_test_run in-process against the simulator's CI/CD Probe and BDD Framework."""

import json
from xml.etree import ElementTree

import pytest

RUNNERS = ("/BDDFramework/rest/v1/BDDTestRunner/", "/TestRunner_API/rest/v1/BDDTestRunner/")


@pytest.fixture
def probe(run_module, simulator):
    """Run a module with the simulator as the probe's and the BDD Framework's environment."""

    def runner(module, /, **args):
        args.setdefault("probe_url", simulator.root_url)
        return run_module(module, **args)

    return runner


def runs(simulator):
    return [(entry["path"], entry["status"]) for entry in simulator.requests() if entry["path"].startswith(RUNNERS)]


def scans(simulator):
    return [entry for entry in simulator.requests() if entry["path"].startswith("/CI_CDProbe/")]


def test_v1_lists_server_side_tests_and_skips_flows_without_screens(probe, simulator):
    result = probe("test_endpoint_info", applications=["Orders", "Customer Portal", "Mobile Banking"])
    assert not result.get("failed"), result
    assert [(e["test_suite"], e["name"], e["type"]) for e in result["endpoints"]] == [
        ("OrdersTests", "CreateOrder", "server"), ("OrdersTests", "CancelOrder", "server")]
    assert result["endpoints"][0]["url"] == simulator.root_url + "/BDDFramework/rest/v1/BDDTestRunner/OrdersTests/CreateOrder"
    assert result["applications"] == {"Orders": 2, "Customer Portal": 0, "Mobile Banking": 0}
    assert [entry["path"] for entry in scans(simulator)] == ["/CI_CDProbe/rest/v1/ScanBDDTestEndpoints"] * 3
    assert runs(simulator) == [] and simulator.mutating_requests() == []


def test_v2_sends_its_exclude_pattern_and_routes_client_side_tests_to_their_runner(probe, simulator):
    simulator.probe.configure({"application": "Orders", "modules": [
        {"espace": "OrdersTests", "type": "server", "flows": {"OrderFlows": ["CreateOrder"], "WIP_Flows": ["RefundOrder"]}}]})
    result = probe("test_endpoint_info", applications=["Orders", "Customer Portal"], probe_version=2, exclude_pattern="^WIP")
    assert not result.get("failed"), result
    assert [(e["name"], e["type"], e["url"].split(simulator.root_url)[1]) for e in result["endpoints"]] == [
        ("CreateOrder", "server", "/BDDFramework/rest/v1/BDDTestRunner/OrdersTests/CreateOrder"),
        ("Login", "client", "/TestRunner_API/rest/v1/BDDTestRunner/CustomerPortalTests/Login"),
        ("Checkout", "client", "/TestRunner_API/rest/v1/BDDTestRunner/CustomerPortalTests/Checkout")]
    assert [entry["query"] for entry in scans(simulator)] == [
        {"ApplicationName": "Orders", "TestFlowExcludePattern": "^WIP"},
        {"ApplicationName": "Customer Portal", "TestFlowExcludePattern": "^WIP"}]


def test_the_probe_key_is_sent_when_required_and_never_shown(probe, simulator):
    simulator.probe.configure({"key": "s3cret-probe-key"})
    refused = probe("test_endpoint_info", applications=["Orders"])
    assert refused["failed"] and "HTTP 401" in refused["msg"] and "probe_key" in refused["msg"], refused
    accepted = probe("test_endpoint_info", applications=["Orders"], probe_key="s3cret-probe-key")
    assert not accepted.get("failed"), accepted
    assert len(accepted["endpoints"]) == 2
    assert "s3cret-probe-key" not in repr(accepted) and "s3cret-probe-key" not in repr(refused)


def read_junit(path):
    root = ElementTree.parse(str(path)).getroot()
    suites = root.findall("testsuite")
    return root, suites


def test_a_run_with_a_failing_test_writes_the_pipelines_junit_report_and_fails_the_task(probe, simulator, tmp_path):
    report = tmp_path / "junit-result.xml"
    result = probe("bdd_test_run", applications=["Orders", "Customer Portal", "Inventory", "Shared Components"], probe_version=2,
                   junit_path=str(report), parallel=2)

    assert result["failed"] and result["msg"] == "1 of 6 BDD tests did not pass (1 failed, 0 errors): test_InventoryTests__StockLevels"
    assert result["failed_tests"] == ["test_InventoryTests__StockLevels"] and result["passed"] is False
    assert result["summary"] == {"tests": 6, "passed": 5, "failed": 1, "errors": 0, "successful_scenarios": 18, "failed_scenarios": 1}
    inventory = [suite for suite in result["suites"] if suite["test_suite"] == "InventoryTests"][0]
    assert (inventory["tests"], inventory["failed"], inventory["successful_scenarios"], inventory["failed_scenarios"]) == (1, 1, 2, 1)
    assert sorted(path for path, _status in runs(simulator)) == sorted([
        "/BDDFramework/rest/v1/BDDTestRunner/OrdersTests/CreateOrder", "/BDDFramework/rest/v1/BDDTestRunner/OrdersTests/CancelOrder",
        "/TestRunner_API/rest/v1/BDDTestRunner/CustomerPortalTests/Login", "/TestRunner_API/rest/v1/BDDTestRunner/CustomerPortalTests/Checkout",
        "/BDDFramework/rest/v1/BDDTestRunner/InventoryTests/StockLevels", "/BDDFramework/rest/v1/BDDTestRunner/SharedComponentsTests/FormatDate"])

    root, suites = read_junit(report)
    assert root.tag == "testsuites" and len(suites) == 1
    suite = suites[0]
    assert suite.get("name").startswith("BDDTestRunner-") and len(suite.get("name")) == len("BDDTestRunner-") + 14
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "1", "0")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == sorted(case.get("name") for case in cases)
    assert {case.get("classname") for case in cases} == {"BDDTestRunner"}
    assert "test_CustomerPortalTests__Checkout" in [case.get("name") for case in cases]
    failed = [case for case in cases if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == ["test_InventoryTests__StockLevels"]
    failure = failed[0].find("failure")
    assert failure.get("type") == "AssertionError"
    assert failure.get("message") == ("\nBDD Test Suite failed 1 scenarios (in 3)\n"
                                      "Scenario 'Negative stock is refused' failed: expected an error, got none.\n")
    assert len([case for case in cases if case.find("failure") is None and case.find("error") is None]) == 5


def test_errors_are_reported_with_the_pipelines_types_and_fail_on_failure_false_does_not_fail(probe, simulator, tmp_path):
    simulator.probe.configure({"tests": {
        "OrdersTests/CreateOrder": {"outcome": "http_error", "status": 500},
        "OrdersTests/CancelOrder": {"outcome": "bad_json"},
        "SharedComponentsTests/FormatDate": {"error_message": "Timeout in the BeforeAll step"}}})
    report = tmp_path / "report.xml"
    result = probe("bdd_test_run", endpoints=[
        {"test_suite": "OrdersTests", "name": "CreateOrder"}, {"test_suite": "OrdersTests", "name": "CancelOrder"},
        {"test_suite": "SharedComponentsTests", "name": "FormatDate"}, {"test_suite": "CustomerPortalTests", "name": "Login", "type": "client"}],
        bdd_url=simulator.root_url, fail_on_failure=False, junit_path=str(report))

    assert not result.get("failed"), result
    assert result["changed"] is True and result["passed"] is False
    assert [(r["test_name"], r["outcome"], r["junit_type"]) for r in result["results"]] == [
        ("test_OrdersTests__CreateOrder", "error", "NotImplementedError"),
        ("test_OrdersTests__CancelOrder", "error", "InvalidJsonResponseError"),
        ("test_SharedComponentsTests__FormatDate", "failed", "AssertionError"),
        ("test_CustomerPortalTests__Login", "passed", None)]
    assert result["results"][2]["message"] == "\nAn error was found in the unit test.\nError: Timeout in the BeforeAll step"
    suite = read_junit(report)[1][0]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "1", "2")
    types = dict((case.get("name"), [(child.tag, child.get("type")) for child in case]) for case in suite.findall("testcase"))
    assert types == {"test_CustomerPortalTests__Login": [],
                     "test_OrdersTests__CancelOrder": [("error", "InvalidJsonResponseError")],
                     "test_OrdersTests__CreateOrder": [("error", "NotImplementedError")],
                     "test_SharedComponentsTests__FormatDate": [("failure", "AssertionError")]}


def test_a_slow_test_times_out_once_and_is_not_sent_again(probe, simulator):
    simulator.probe.configure({"tests": {"OrdersTests/CancelOrder": {"successful": 2, "seconds": 1.5}}})
    result = probe("bdd_test_run", applications=["Orders"], test_timeout=0.4, fail_on_failure=False)
    outcomes = dict((r["name"], (r["outcome"], r["junit_type"])) for r in result["results"])
    assert outcomes == {"CreateOrder": ("passed", None), "CancelOrder": ("error", "TimeoutError")}
    assert "test_timeout (0.4 seconds)" in result["results"][1]["message"]
    assert simulator.probe.describe()["runs"] == ["OrdersTests/CreateOrder", "OrdersTests/CancelOrder"]


def test_parallel_bounds_how_many_tests_run_at_once(probe, simulator):
    screens = ["Slow%d" % number for number in range(6)]
    simulator.probe.configure({"application": "Orders", "modules": [{"espace": "OrdersTests", "flows": {"Slow": screens}}],
                               "tests": dict(("OrdersTests/" + screen, {"successful": 1, "seconds": 0.3}) for screen in screens)})
    result = probe("bdd_test_run", applications=["Orders"], parallel=3)
    assert not result.get("failed"), result
    assert [r["name"] for r in result["results"]] == screens
    assert simulator.probe.describe()["most_running"] == 3


def test_429_and_503_are_retried_after_the_time_the_server_asks(probe, simulator, virtual_clock):
    simulator.set_scenario("rate_limit", path_contains="BDDTestRunner/OrdersTests/CreateOrder", retry_after=7, count=1)
    simulator.set_scenario("http_5xx", path_contains="ScanBDDTestEndpoints", status=503, retry_after=4, count=1)
    result = probe("bdd_test_run", applications=["Orders"], retries=2)
    assert not result.get("failed"), result
    assert result["summary"]["passed"] == 2
    assert virtual_clock.pauses.count(7) == 1 and virtual_clock.pauses.count(4) == 1
    assert [entry["status"] for entry in scans(simulator)] == [503, 200]
    create = [status for path, status in runs(simulator) if path.endswith("/CreateOrder")]
    assert create == [429, 200]


def test_check_mode_runs_nothing_and_writes_nothing(probe, simulator, tmp_path):
    report = tmp_path / "report.xml"
    result = probe("bdd_test_run", check_mode=True, applications=["Orders"], junit_path=str(report))
    assert not result.get("failed") and result["changed"] is True, result
    assert [endpoint["name"] for endpoint in result["endpoints"]] == ["CreateOrder", "CancelOrder"]
    assert runs(simulator) == [] and not report.exists()


@pytest.mark.parametrize("args, words", [
    ({"applications": ["Orders"], "parallel": 17}, ["parallel", "1 to 16", "17"]),
    ({"applications": ["Orders"], "parallel": 0}, ["parallel"]),
    ({"applications": ["Orders"], "test_timeout": 0}, ["test_timeout"]),
    ({"applications": ["Orders"], "probe_version": 3}, ["probe_version", "1, 2"]),
    ({"applications": ["Orders"], "endpoints": [{"test_suite": "A", "name": "B"}]}, ["mutually exclusive", "endpoints", "applications"]),
])
def test_bad_input_fails_before_any_request(probe, simulator, args, words):
    result = probe("bdd_test_run", **args)
    assert result["failed"], result
    assert all(word in result["msg"] for word in words), result["msg"]
    assert scans(simulator) == [] and runs(simulator) == []


def test_without_a_probe_address_the_failure_names_the_option(run_module, simulator):
    result = run_module("test_endpoint_info", applications=["Orders"])
    assert result["failed"] and "probe_url" in result["msg"] and "CICD_PROBE_URL" in result["msg"], result


def test_the_endpoints_test_endpoint_info_returns_run_as_they_are(probe, simulator):
    found = probe("test_endpoint_info", applications=["Customer Portal"], probe_version=2)
    simulator.clear_requests()
    result = probe("bdd_test_run", endpoints=found["endpoints"])
    assert not result.get("failed"), result
    assert [(r["application"], r["test_name"], r["outcome"]) for r in result["results"]] == [
        ("Customer Portal", "test_CustomerPortalTests__Login", "passed"), ("Customer Portal", "test_CustomerPortalTests__Checkout", "passed")]
    assert scans(simulator) == [] and [path for path, _status in runs(simulator)] == [
        "/TestRunner_API/rest/v1/BDDTestRunner/CustomerPortalTests/Login", "/TestRunner_API/rest/v1/BDDTestRunner/CustomerPortalTests/Checkout"]


def test_a_manifest_gives_its_test_applications_in_either_format(probe, simulator, tmp_path):
    trigger = tmp_path / "trigger_manifest.json"
    trigger.write_text(json.dumps({"ApplicationVersions": [
        {"ApplicationName": "Orders", "ApplicationKey": simulator.state.find_app("Orders").key, "VersionNumber": "2.1.0",
         "VersionKey": "v-orders", "IsTestApplication": False},
        {"ApplicationName": "Customer Portal", "ApplicationKey": simulator.state.find_app("Customer Portal").key, "VersionNumber": "1.2.0",
         "VersionKey": "v-portal", "IsTestApplication": True}], "EnvironmentDefinitions": [], "ConfigurationItems": []}))
    found = probe("test_endpoint_info", manifest=str(trigger), probe_version=2)
    assert not found.get("failed"), found
    assert found["applications"] == {"Customer Portal": 2}
    ran = probe("bdd_test_run", manifest=str(trigger), probe_version=2)
    assert not ran.get("failed"), ran
    assert [r["test_name"] for r in ran["results"]] == ["test_CustomerPortalTests__Login", "test_CustomerPortalTests__Checkout"]


def test_a_manifest_with_problems_fails_before_any_request(probe, simulator, tmp_path):
    broken = tmp_path / "release.yml"
    broken.write_text("applications:\n  - version: 1.0.0\n")
    result = probe("test_endpoint_info", manifest=str(broken))
    assert result["failed"] and str(broken) in result["msg"] and "problem" in result["msg"], result
    assert scans(simulator) == []
