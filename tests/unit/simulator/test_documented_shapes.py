"""Every documented exchange (tests/contract/exchanges.jsonl), made again against the simulator: same shape?

For each exchange with a method and path, a scene brings the seeded simulator into the state the page
shows (a plan not started, a finished plan, a plan waiting for DB mappings, a binary plan, a finished
source-code package...) and maps the page's keys onto seeded ones; the request is then sent as the page
writes it (same path form, trailing slash or not, same query, the documented body with keys mapped) and
the answer's shape (plugins/module_utils/shapes.py: keys and casing, value kinds, "" vs absent, date forms,
JSON vs bare text) is compared with the documented one, and the status where the page gives one.
Exceptions: tests/contract/shape_exceptions.yml, each with its reason.
"""

import json
import time
from urllib.parse import urlsplit

import pytest
import requests

from lifetime_simulator.downloads import build_package
from testlib.exchanges import (documented_request_body, documented_shape, endpoint, json_path_matches, load_exchanges,
                               reference_shapes, shape_exceptions, substitute)

from ansible_collections.outsystems.lifetime.plugins.module_utils.shapes import answer_shape, differences

EXCHANGES = [exchange for exchange in load_exchanges() if exchange.get("method")]
EXCEPTIONS = shape_exceptions()
REFERENCES = reference_shapes()
WAIT_SECONDS = 15


class Scene:
    """The simulator brought into the state one exchange shows, and the page's keys mapped onto its keys."""

    def __init__(self, simulator, token):
        self.sim = simulator
        self.state = simulator.state
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + token
        dev, test, prod = (self.state.find_env(name).key for name in ("Development", "Test", "Production"))
        self.env = {"Development": dev, "Test": test, "Production": prod}
        portal = self.state.find_app("Customer Portal")
        self.keys = {
            # environments as the pages name them
            "f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e": dev, "b86339de-38af-4a8e-bfe6-25a444c78bc2": dev,
            "849515f2-b4ff-4aca-a9d6-9407bea655f4": prod, "e80f23ca-218e-4da1-80db-402ff463da69": prod,
            "f78966c5-4c1f-4c35-9b3d-502b66943964": prod, "55c430ee-4783-43e6-a2d4-6eecfed1d90f": prod,
            "c7155bc0-2154-4b8e-9570-df86cad30b40": test, "7709a06f-e76f-4a88-b008-c72e77878a5c": test,
            "f5d16abb-612d-4fa5-a34e-4695e49678b2": test, "87356b89-4694-4fd1-aa5f-0a23f40233c4": test,
            "10061715-16bb-491a-86bc-595b465eaffb": dev,
            # applications: EmployeeBackoffice and Google Maps Web -> Customer Portal, Directory Mobile -> Mobile Banking
            "c9a7a82e-0eee-4a3d-8e22-2a19c69c766f": portal.key, "8c9101e2-5ed7-4f20-96a0-e23b435be4d1": portal.key,
            "0f47c804-bce5-46e8-9706-585a044d17e6": self.state.find_app("Mobile Banking").key,
            "b3d2ef6b-e5c5-4c7e-851e-0547f7bd634c": portal.version_by_label("1.2.0").key,
            "702df59d-3700-41b8-907e-a629e05a68f1": portal.version_by_label("1.2.0").key,
            "fa5936cd-2625-43c6-bec7-de8ee90a4c71": self.state.find_app("Mobile Banking").version_by_label("3.0.0").key,
            "d91a7e60-dea3-4150-8da2-39593a780507": self.state.find_env("Production").zones[0]["Key"],
            "c4c49f62-ff68-42bf-9dc9-a023182f7ec9": self.state.find_role("Administrator").key,
            "001c45e7-0cb6-41d1-85ba-8f0377453200": self.state.find_role("Developer").key,
        }

    # -- plumbing ---------------------------------------------------------------------------------

    def call(self, method, path, query=None, body=None, data=None):
        url = path if path.startswith("http") else self.sim.base_url + path
        kwargs = {"params": query or None, "timeout": 10}
        if body is not None:
            kwargs["json"] = body
        if data is not None:
            kwargs["data"] = data
            kwargs["headers"] = {"Content-Type": "application/octet-stream"}
        return self.session.request(method, url, **kwargs)

    def ok(self, method, path, **kwargs):
        response = self.call(method, path, **kwargs)
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response

    def wait_for(self, path, field, wanted):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            value = self.ok("GET", path).json()[field]
            if value in wanted:
                return value
            time.sleep(0.05)
        raise AssertionError("%s never reached %s" % (path, wanted))

    # -- what the pages show happening --------------------------------------------------------------

    def plan(self, source="Development", target="Test", app="Customer Portal", label="1.2.0"):
        body = {"Notes": "shape test", "SourceEnvironmentKey": self.env[source], "TargetEnvironmentKey": self.env[target],
                "ApplicationOperations": [{"ApplicationVersionKey": self.state.find_app(app).version_by_label(label).key,
                                           "DeploymentZoneKey": ""}]}
        return self.ok("POST", "/deployments/", body=body).text.strip().strip('"')

    def binary_plan(self):
        package = self.package("HR Onboarding", "1.0.0")
        answer = self.ok("POST", "/environments/%s/deployment/" % self.env["Test"], data=package)
        return answer.text.strip().strip('"'), package

    def finished(self, key):
        self.ok("POST", "/deployments/%s/start/" % key)
        self.wait_for("/deployments/%s/status/" % key, "DeploymentStatus", ("finished_successful",))

    def needing_db_mappings(self):
        # mapdb-missing-mappings: extension ExtensionTest, logical database Ext (the scenario has one; the page's Ext2 is left out)
        self.sim.set_scenario("db_mappings", extension="ExtensionTest", logical_database="Ext")
        key = self.plan()
        self.ok("POST", "/deployments/%s/start/" % key)
        self.wait_for("/deployments/%s/status/" % key, "DeploymentStatus", ("needs_user_intervention",))
        return key

    def source_package(self, kind, env="Production"):
        owner = self.state.find_app("Customer Portal")
        owner_key = owner.key if kind == "applications" else owner.module_keys[0]
        base = "/environments/%s/%s/%s/sourcecodeaccess/" % (self.env[env], kind, owner_key)
        package = self.ok("POST", base).json()["PackageKey"]
        self.wait_for(base + package + "/status/", "Status", ("Done",))
        return owner_key, package

    def solution(self):
        keys = [self.state.find_app(name).key for name in ("Customer Portal", "Orders", "Inventory")]
        base = "/environments/%s/" % self.env["Development"]
        key = self.ok("POST", base + "solution", body={"SolutionName": "shape", "ApplicationKeys": keys}).text.strip().strip('"')
        self.wait_for(base + "solutionstatus/" + key, "Status", ("Completed",))
        return keys, key

    # -- one exchange -------------------------------------------------------------------------------

    def prepare(self, exchange):  # pylint: disable=too-many-branches,too-many-statements
        """Bring the simulator into the exchange's state; return the key map for its path and body."""
        keys = dict(self.keys)
        name = endpoint(exchange)
        plan_key = next((key for key in ("dce64ad4-2ddf-4e54-a639-3524bcd5b9a1", "16e9ad8a-9afa-46f8-8e3d-34f3b3e6d2cd",
                                         "1381f766-81b5-4570-a37c-5729c7a305e2", "{DeploymentKey}") if key in exchange["path"]), None)
        binary = plan_key == "16e9ad8a-9afa-46f8-8e3d-34f3b3e6d2cd"
        if exchange["id"].endswith("mapdb-configuration") or exchange["id"].endswith("mapdb-missing-mappings") \
                or exchange["id"].endswith("mapdb-status-needs-config"):
            keys[plan_key] = self.needing_db_mappings()
            missing = self.ok("GET", "/deployments/%s/getmissingdbmappings/" % keys[plan_key]).json()
            keys["a6ada142-0cf1-49b6-a743-166dcffcc8f1"] = missing[0]["ExtensionKey"]
        elif plan_key and binary:
            keys[plan_key], _package = self.binary_plan()
        elif plan_key:
            keys[plan_key] = self.plan()
        if plan_key and name.endswith("/status") and "mapdb-" not in exchange["id"]:
            self.finished(keys[plan_key])
        if name == "DELETE /environments/{}":
            registration = {"EnvironmentName": "Sandbox", "EnvironmentAddress": "sandbox.example.com", "ServiceCenterUsername": "admin",
                            "ServiceCenterPassword": "pw", "LifeTimeAddress": "lt.example.com", "EnvironmentPosition": 4}
            keys["1ee9297b-edfc-4826-ad95-2a8a6e40957f"] = self.ok("POST", "/environments/", body=registration).json()["EnvironmentKey"]
        if "/sourcecodeaccess/{}" in name:
            kind = "modules" if "/modules/" in name else "applications"
            keys["c9a7a82e-0eee-4a3d-8e22-2a19c69c766f"], keys["bc354abb-6691-41ee-9ed3-9454747e2d4d"] = self.source_package(kind)
        elif name.startswith("POST /environments/{}/modules/"):
            keys["c9a7a82e-0eee-4a3d-8e22-2a19c69c766f"] = self.state.find_app("Customer Portal").module_keys[0]
        if name == "GET /downloads/{}":
            _owner, package = self.source_package("modules")
            link = self.ok("GET", "/environments/%s/modules/%s/sourcecodeaccess/%s/download" % (
                self.env["Production"], _owner, package)).json()
            keys["f4ee541b-5791-4997-a56d-360d80c24821"] = urlsplit(link.get("url", "")).path.rstrip("/").split("/downloads/")[-1].split("/")[0]
        if "/solution" in name and exchange["method"] == "GET":
            _apps, keys["Ae1ef38a-f4cf-47be-b1c3-5df4417a1b94"] = self.solution()
        if name == "POST /environments/{}/solution":
            for doc_key, app in zip(("a1467f95-1634-41a9-85e1-1ea777a23ae7", "05306b6c-743a-4b38-b2ab-ea76cee3ca77",
                                     "9deec899-41b7-40a1-9e0c-d6055a87653a"), ("Customer Portal", "Orders", "Inventory")):
                keys[doc_key] = self.state.find_app(app).key
        if name.endswith("/versions") and exchange["method"] == "POST":
            portal = self.state.find_app("Customer Portal")
            running = portal.version_by_key(portal.status[self.env["Development"]].version_key)
            keys["bc354abb-6691-41ee-9ed3-9454747e2d4d"] = running.module_version_keys[0]
            keys["{EnvironmentKey}"] = self.env["Development"]
            keys["{ApplicationKey}"] = self.state.find_app("Mobile Banking").key
        return keys

    def request_for(self, exchange, keys):
        """(method, path, query, body, data) as the page writes the request, keys mapped."""
        body = substitute(documented_request_body(exchange), keys)
        if isinstance(body, str):
            body = json.loads(body)
        data = None
        if endpoint(exchange) == "POST /environments/{}/deployment":
            data = self.package("Inventory", "1.0.0")
        if endpoint(exchange).endswith("/versions") and isinstance(body, dict):
            # a version string this app has not used yet (the page tags its first version)
            fresh = {"1.0": "7.0", "1.0.0": "7.0.0"}
            body["Version"] = fresh.get(body.get("Version"), body.get("Version"))
            for mobile in body.get("MobileVersions") or []:
                mobile["VersionNumber"] = fresh.get(mobile["VersionNumber"], mobile["VersionNumber"])
        if endpoint(exchange) == "POST /deployments/{}/configuration":
            body = [entry for entry in body if entry["DBMapping"][0]["LogicalDatabaseName"] == "Ext"]
        if endpoint(exchange) == "POST /environments" and isinstance(body, dict):
            body["EnvironmentName"] = "Registered"
        query = dict(exchange.get("query") or {})
        query.update(((EXCEPTIONS.get("requests") or {}).get(exchange["id"]) or {}).get("query") or {})
        return exchange["method"], substitute(exchange["path"], keys), query, body, data

    def package(self, app_name, label):
        app = self.state.find_app(app_name)
        with self.state.lock:
            return build_package(self.state, app, app.version_by_label(label))


def shows_body(exchange):
    return exchange.get("response_body") is not None or exchange.get("response_text") is not None or bool(
        exchange.get("response_body_invalid_json"))


def simulator_answer(response):
    """The answer's shape, telling JSON from bare text the way the client decodes it."""
    if response.status_code == 204 or not response.content:
        return answer_shape(response.status_code, None)
    try:
        return answer_shape(response.status_code, response.json())
    except ValueError:
        return answer_shape(response.status_code, response.text, is_text=True)


def allowed(exchange_id, lines):
    """The differences not covered by an optional-field exception."""
    optional = EXCEPTIONS.get("optional_fields") or {}
    return [line for line in lines
            if not any(json_path_matches(place, line) and exchange_id_matches(exchange_id, entry)
                       for place, entry in optional.items())]


def exchange_id_matches(exchange_id, entry):
    endpoints = entry.get("endpoints") or []
    exchange = next(item for item in EXCHANGES if item["id"] == exchange_id)
    return endpoint(exchange) in endpoints


def compare(exchange, response):
    documented = documented_shape(exchange)
    actual = simulator_answer(response)
    lines = []
    if response.status_code >= 300:
        return ["status: the simulator refused the documented request with %s: %s" % (response.status_code, response.text[:300])]
    if documented["status"] is not None and documented["status"] != actual["status"]:
        lines.append("status: documented %s, got %s" % (documented["status"], actual["status"]))
    if shows_body(exchange):
        lines += differences(documented["body"], actual["body"], "$", REFERENCES.get(endpoint(exchange)))
    return allowed(exchange["id"], lines)


@pytest.mark.parametrize("exchange", EXCHANGES, ids=[exchange["id"] for exchange in EXCHANGES])
def test_documented_exchange_shape(exchange, simulator):
    reason = (EXCEPTIONS.get("exchanges") or {}).get(exchange["id"])
    if reason:
        pytest.skip("shape exception: %s" % reason)
    scene = Scene(simulator, simulator.token)
    keys = scene.prepare(exchange)
    method, path, query, body, data = scene.request_for(exchange, keys)
    response = scene.call(method, path, query=query, body=body, data=data)
    found = compare(exchange, response)
    assert not found, "%s %s answers unlike the documentation:\n  %s" % (method, exchange["path"], "\n  ".join(found))


def test_exceptions_name_real_exchanges_and_give_reasons():
    ids = set(exchange["id"] for exchange in load_exchanges())
    for exchange_id, reason in (EXCEPTIONS.get("exchanges") or {}).items():
        assert exchange_id in ids, exchange_id
        assert isinstance(reason, str) and len(reason) > 20, exchange_id
    for exchange_id, entry in (EXCEPTIONS.get("requests") or {}).items():
        assert exchange_id in ids and entry.get("query") and len(entry.get("reason", "")) > 20, exchange_id
    for place, entry in (EXCEPTIONS.get("optional_fields") or {}).items():
        assert place.startswith("$") and entry.get("endpoints") and len(entry.get("reason", "")) > 20, place


def test_shape_differences_are_found():
    """The comparison itself: each kind of difference the test must catch is caught."""
    documented = {"Key": "string", "On": "null-date", "Log": [{"Instant": "date", "Message": "string"}], "Count": "integer"}
    assert differences(documented, documented) == []
    assert differences(documented, dict(documented, On="date")) == ["$.On: documented null-date, got date"]
    assert differences(documented, dict(documented, Count="string")) == ["$.Count: documented integer, got string"]
    assert differences(documented, dict(documented, Log=[{"Instant": "date", "Message": "string", "Type": "string"}])) == [
        "$.Log[].Type: not documented (got string)"]
    without_key = dict(documented)
    del without_key["Key"]
    assert differences(documented, without_key) == ["$.Key: missing (documented as string)"]
    assert differences(documented, dict(documented, Log=[])) == ["$.Log: an empty list where the documentation shows items"]
    assert differences({"status": 202, "body": "empty"}, {"status": 202, "body": "text"}) == ["$.body: documented empty, got text"]
