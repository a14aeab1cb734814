"""CI/CD Probe and BDD Framework endpoints, served by the same server under their own base paths.

What OutSystems' pipeline sends and reads (tests/contract/cicd-probe-bdd.md):
- GET /CI_CDProbe/rest/v1/ScanBDDTestEndpoints?ApplicationName=..[&WebFlowExcludePattern=regex]
  -> [{"BDDTestEndpointsInfo": {"EspaceName", "WebFlows": [{"Name", "WebScreens": [{"Name"}]}]}}]
- GET /CI_CDProbe/rest/v2/ScanBDDTestEndpoints?ApplicationName=..[&TestFlowExcludePattern=regex]
  -> [{"EspaceName", "BDDFrameworkType": "server"|"client", "TestFlows": [{"Name", "TestScreens": [{"Name"}]}]}]
- GET /CI_CDProbe/rest/v{1,2}/GetApplicationDependencies?ApplicationName=..&ApplicationVersion=..
  -> [{"ApplicationKey", "ApplicationName"}] for the applications that produce for it (the pipeline reads ApplicationKey)
- GET /BDDFramework/rest/v1/BDDTestRunner/{Espace}/{Screen} (server-side tests) and
  GET /TestRunner_API/rest/v1/BDDTestRunner/{Espace}/{Screen} (client-side tests)
  -> {"SuiteSuccess", "ErrorMessage", "SuccessfulScenarios", "FailedScenarios", "FailureReports"}

The simulator's own choices (no documentation says): the v1 scan lists server-side test modules only (v1 has no
framework type); an exclude pattern is a regular expression matched (re.search) against flow names; an unknown
application scans to [] and has no dependencies; a test screen asked through the other variant's runner is a 404.
The probe key (X-CICDProbe-Key) is checked only when one is set (admin), as the key is optional.
A dependency is per application (the seeded LifeTime producers), the same for every version unless set per version.

429/503 come from the server's fault scenarios (rate_limit, http_5xx with path_contains=ScanBDD / BDDTestRunner /
GetApplicationDependencies); a slow test is a test with "seconds" (the runner answers after that long).
"""
import re
import threading
import time

from .api import error_response, json_response, text_response

PROBE_BASE_PATH = "/CI_CDProbe/rest"
SERVER_RUNNER_PATH = "/BDDFramework/rest/v1/BDDTestRunner"
CLIENT_RUNNER_PATH = "/TestRunner_API/rest/v1/BDDTestRunner"
KEY_HEADER = "X-CICDProbe-Key"

# application name -> test modules: (espace, framework type, {flow: [screens]}); screens not listed in RESULTS pass.
SEED_TESTS = {
    "Orders": (("OrdersTests", "server", {"OrderFlows": ["CreateOrder", "CancelOrder"], "Common": []}),),
    "Customer Portal": (("CustomerPortalTests", "client", {"PortalFlows": ["Login", "Checkout"]}),),
    "Shared Components": (("SharedComponentsTests", "server", {"UtilityFlows": ["FormatDate"]}),),
    "Inventory": (("InventoryTests", "server", {"StockFlows": ["StockLevels"]}),),
}
# "Espace/Screen" -> result; the seed has one failing test (Inventory's) and the rest pass with these counts.
SEED_RESULTS = {
    "OrdersTests/CreateOrder": {"successful": 3},
    "OrdersTests/CancelOrder": {"successful": 2},
    "CustomerPortalTests/Login": {"successful": 2},
    "CustomerPortalTests/Checkout": {"successful": 4},
    "SharedComponentsTests/FormatDate": {"successful": 5},
    "InventoryTests/StockLevels": {"successful": 2, "failed": 1,
                                   "reports": ["Scenario 'Negative stock is refused' failed: expected an error, got none.\n"]},
}
OUTCOMES = ("pass", "fail", "error", "http_error", "bad_json")


class ProbeState:
    """Test modules per application, the result of each test, the dependencies and the optional probe key; also the tests
    run (``runs``) and the most tests that ran at the same time (``most_running``)."""

    def __init__(self, lifetime_state):
        self.lifetime = lifetime_state
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.key = None
            self.tests = {}
            self.results = {}
            self.dependencies = {}
            self.runs = []
            self.running = 0
            self.most_running = 0
        for app, modules in SEED_TESTS.items():
            self.set_tests(app, [{"espace": espace, "type": kind, "flows": flows} for espace, kind, flows in modules])
        for test, result in SEED_RESULTS.items():
            self.set_result(test, **result)

    def set_tests(self, application, modules):
        """An application's test modules: [{"espace", "type": "server"|"client", "flows": {flow: [screen, ...]}}]."""
        checked = []
        for module in modules:
            if module.get("type", "server") not in ("server", "client"):
                raise ValueError("test module type {0!r}: use server or client".format(module.get("type")))
            checked.append({"espace": module["espace"], "type": module.get("type", "server"), "flows": dict(module.get("flows") or {})})
        with self.lock:
            self.tests[application.lower()] = checked

    def set_result(self, test, outcome=None, successful=0, failed=0, reports=None, error_message="", seconds=0, status=500, body=None):
        """What running ``test`` ("Espace/Screen") answers. outcome: pass, fail (FailedScenarios > 0), error (ErrorMessage),
        http_error (``status``), bad_json (``body`` as text); by default pass unless ``failed`` or ``error_message``."""
        if outcome is None:
            outcome = "error" if error_message else ("fail" if failed else "pass")
        if outcome not in OUTCOMES:
            raise ValueError("test outcome {0!r}: use one of {1}".format(outcome, ", ".join(OUTCOMES)))
        with self.lock:
            self.results[test] = {"outcome": outcome, "successful": int(successful), "failed": int(failed), "reports": list(reports or []),
                                  "error_message": error_message, "seconds": float(seconds), "status": int(status),
                                  "body": body if body is not None else "<html>Not a JSON answer</html>"}

    def configure(self, body):
        """The admin endpoint's body (every part optional):
        {"key": "..." or null, "application": name, "modules": [...], "tests": {"Espace/Screen": {result}},
         "dependencies": {application: [producer names]} or {application: {version: [producer names]}}}."""
        if "key" in body:
            with self.lock:
                self.key = body["key"] or None
        if "application" in body:
            self.set_tests(body["application"], body.get("modules") or [])
        for test, result in (body.get("tests") or {}).items():
            self.set_result(test, **result)
        with self.lock:
            for app, producers in (body.get("dependencies") or {}).items():
                self.dependencies[app.lower()] = producers

    def describe(self):
        with self.lock:
            return {"key_required": self.key is not None, "tests": dict(self.tests), "results": dict(self.results),
                    "dependencies": dict(self.dependencies), "runs": list(self.runs), "most_running": self.most_running}

    def producers_of(self, name, version):
        """Names of the applications that produce for ``name`` (at ``version``)."""
        with self.lock:
            set_here = self.dependencies.get(name.lower())
        if isinstance(set_here, dict):
            return list(set_here.get(version, set_here.get("*", [])))
        if set_here is not None:
            return list(set_here)
        app = self.lifetime.find_app(name)
        if app is None:
            return []
        return [self.lifetime.apps[key].name for key in app.producers if key in self.lifetime.apps]


def flows_kept(flows, pattern):
    if not pattern:
        return sorted(flows.items())
    try:
        matcher = re.compile(pattern)
    except re.error as error:
        raise ValueError("The exclude pattern is not a valid regular expression: {0}".format(error))
    return [(flow, screens) for flow, screens in sorted(flows.items()) if not matcher.search(flow)]


def scan(state, version, query):
    application = query.get("ApplicationName")
    if not application:
        return error_response(400, ["The ApplicationName parameter is required."])
    pattern = query.get("WebFlowExcludePattern" if version == 1 else "TestFlowExcludePattern")
    with state.lock:
        modules = [dict(module) for module in state.tests.get(application.lower(), [])]
    found = []
    try:
        for module in modules:
            flows = flows_kept(module["flows"], pattern)
            if version == 1:
                if module["type"] != "server":
                    continue
                found.append({"BDDTestEndpointsInfo": {"EspaceName": module["espace"], "WebFlows": [
                    {"Name": flow, "WebScreens": [{"Name": screen} for screen in screens]} if screens else {"Name": flow}
                    for flow, screens in flows]}})
            else:
                found.append({"EspaceName": module["espace"], "BDDFrameworkType": module["type"], "TestFlows": [
                    {"Name": flow, "TestScreens": [{"Name": screen} for screen in screens]} if screens else {"Name": flow}
                    for flow, screens in flows]})
    except ValueError as error:
        return error_response(400, [str(error)])
    return json_response(200, found)


def dependencies(state, query):
    application, version = query.get("ApplicationName"), query.get("ApplicationVersion")
    if not application or not version:
        return error_response(400, ["The ApplicationName and ApplicationVersion parameters are required."])
    found = []
    for name in state.producers_of(application, version):
        app = state.lifetime.find_app(name)
        found.append({"ApplicationKey": app.key if app is not None else name, "ApplicationName": name})
    return json_response(200, found)


def answer_probe(sim, method, path, query, headers):
    """The response to a request under PROBE_BASE_PATH (``path`` is what follows it: /v1/ScanBDDTestEndpoints ...)."""
    state = sim.probe
    with state.lock:
        key = state.key
    if key is not None and headers.get(KEY_HEADER) != key:
        return error_response(401, ["Invalid or missing {0} header.".format(KEY_HEADER)])
    if method != "GET":
        return error_response(405, ["Method {0} is not allowed here; allowed: GET.".format(method)])
    match = re.match(r"^/v([12])/(ScanBDDTestEndpoints|GetApplicationDependencies)/?$", path)
    if not match:
        return error_response(404, ["Resource '{0}' not found.".format(PROBE_BASE_PATH + path)])
    if match.group(2) == "ScanBDDTestEndpoints":
        return scan(state, int(match.group(1)), query)
    return dependencies(state, query)


def module_type(state, espace):
    with state.lock:
        for modules in state.tests.values():
            for module in modules:
                if module["espace"] == espace:
                    return module["type"], [screen for screens in module["flows"].values() for screen in screens]
    return None, []


def answer_runner(sim, method, path, kind):
    """A BDD test run: ``path`` is /{Espace}/{Screen} under the server-side or client-side runner."""
    state = sim.probe
    if method != "GET":
        return error_response(405, ["Method {0} is not allowed here; allowed: GET.".format(method)])
    parts = [part for part in path.split("/") if part]
    if len(parts) != 2:
        return error_response(404, ["Use {Espace}/{Screen} after the BDDTestRunner path."])
    espace, screen = parts
    found_type, screens = module_type(state, espace)
    if found_type != kind or screen not in screens:
        return error_response(404, ["No {0}-side BDD test screen {1} in module {2}.".format(kind, screen, espace)])
    test = espace + "/" + screen
    with state.lock:
        result = dict(state.results.get(test) or {"outcome": "pass", "successful": 1, "failed": 0, "reports": [], "error_message": "",
                                                  "seconds": 0.0, "status": 500, "body": ""})
        state.runs.append(test)
        state.running += 1
        state.most_running = max(state.most_running, state.running)
    try:
        if result["seconds"]:
            time.sleep(result["seconds"])
    finally:
        with state.lock:
            state.running -= 1
    outcome = result["outcome"]
    if outcome == "http_error":
        return error_response(result["status"], ["The test screen {0} answered with an error.".format(test)])
    if outcome == "bad_json":
        return text_response(200, result["body"])
    if outcome == "error":
        return json_response(200, {"SuiteSuccess": False, "ErrorMessage": result["error_message"] or "The test suite could not run.",
                                   "SuccessfulScenarios": 0, "FailedScenarios": 0, "FailureReports": []})
    failed = result["failed"] if outcome == "fail" else 0
    return json_response(200, {"SuiteSuccess": failed == 0 and outcome == "pass", "ErrorMessage": "",
                               "SuccessfulScenarios": result["successful"], "FailedScenarios": failed,
                               "FailureReports": result["reports"] if outcome == "fail" else []})


def answer(sim, method, path, query, headers):
    """The response for a probe or BDD Framework path, or None when ``path`` is neither."""
    for base, handler in ((PROBE_BASE_PATH, lambda rest: answer_probe(sim, method, rest, query, headers)),
                          (SERVER_RUNNER_PATH, lambda rest: answer_runner(sim, method, rest, "server")),
                          (CLIENT_RUNNER_PATH, lambda rest: answer_runner(sim, method, rest, "client"))):
        if path == base or path.startswith(base + "/"):
            return handler(path[len(base):])
    return None
