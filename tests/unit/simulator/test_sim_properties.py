"""The simulator's Properties API: the four PUTs (raw text bodies, trailing slash, 201 {Success, Message}), the
token, Success: false for what it cannot set, the properties_refused scenario and the admin read of the values."""
import pytest
import requests

from lifetime_simulator.model import make_key
from testlib.simulator_api import TOKEN

AUTH = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}
# The four paths of tests/contract/properties-api.md, with the manifest type each sets.
PATHS = {
    "SiteProperty": "Modules/{m}/Environments/{e}/SiteProperties/{k}/Value/",
    "REST_Endpoint": "Modules/{m}/Environments/{e}/RESTReferences/{k}/EffectiveURL/",
    "SOAP_Endpoint": "Modules/{m}/Environments/{e}/SOAPReferences/{k}/EffectiveURL/",
    "TimerSchedule": "Modules/{m}/Environments/{e}/Timers/{k}/Schedule/",
}


def put(sim, kind, value, module="Orders", environment="Test", key="item-1", headers=None, suffix=""):
    path = PATHS[kind].format(m=make_key("module", module), e=make_key("environment", environment), k=key)
    return requests.put(sim.properties_url + "/" + path + suffix, data=value.encode("utf-8"), headers=AUTH if headers is None else headers,
                        timeout=10)


@pytest.mark.parametrize("kind", sorted(PATHS))
def test_each_put_keeps_the_raw_text_body_as_the_value(sim, kind):
    answer = put(sim, kind, '"https://orders-qa.example.com/api" é')
    assert answer.status_code == 201 and answer.json()["Success"] is True and answer.json()["Message"]
    values = requests.get(sim.root_url + "/_sim/properties", timeout=10).json()["values"]
    assert [(v["module_name"], v["environment_name"], v["type"], v["key"], v["value"]) for v in values] == [
        ("Orders", "Test", kind, "item-1", '"https://orders-qa.example.com/api" é')]
    assert sim.mutating_requests()[0]["body"] == '"https://orders-qa.example.com/api" é'


def test_an_empty_body_is_the_empty_value_and_a_second_put_replaces_the_first(sim):
    assert put(sim, "SiteProperty", "50").json()["Success"] is True
    assert put(sim, "SiteProperty", "").json()["Success"] is True
    assert [(v["value"], v["times_set"]) for v in sim.property_values()] == [("", 2)]
    assert sim.properties.describe()["writes"] == 2


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}])
def test_the_lifetime_token_is_required(sim, headers):
    answer = put(sim, "SiteProperty", "50", headers=headers)
    assert answer.status_code == 401 and answer.json()["StatusCode"] == 401
    assert sim.property_values() == []


def test_only_the_four_puts_with_their_trailing_slash_exist(sim):
    path = PATHS["SiteProperty"].format(m=make_key("module", "Orders"), e=make_key("environment", "Test"), k="item-1")
    assert requests.put(sim.properties_url + "/" + path.rstrip("/"), data=b"1", headers=AUTH, timeout=10).status_code == 404
    assert requests.put(sim.properties_url + "/" + path.replace("/Value/", "/EffectiveURL/"), data=b"1", headers=AUTH, timeout=10).status_code == 404
    assert requests.get(sim.properties_url + "/" + path, headers=AUTH, timeout=10).status_code == 405
    assert sim.property_values() == []


@pytest.mark.parametrize("where, message", [
    ({"module": "NoSuchModule"}, "Module with key '%s' not found." % make_key("module", "NoSuchModule")),
    ({"environment": "Staging"}, "Environment with key '%s' not found." % make_key("environment", "Staging")),
    ({"module": "HROnboarding", "environment": "Test"}, "Module 'HROnboarding' is not deployed in environment 'Test'."),
])
def test_what_cannot_be_set_is_201_with_success_false(sim, where, message):
    answer = put(sim, "SiteProperty", "50", **where)
    assert answer.status_code == 201 and answer.json() == {"Success": False, "Message": message}
    assert sim.property_values() == []


def test_the_properties_refused_scenario(sim):
    sim.set_scenario("properties_refused", path_contains="/Timers/", message="Invalid schedule.")
    assert put(sim, "TimerSchedule", "every day").json() == {"Success": False, "Message": "Invalid schedule."}
    assert put(sim, "SiteProperty", "50").json()["Success"] is True
    assert [v["type"] for v in sim.property_values()] == ["SiteProperty"]


def test_reset_forgets_the_values(sim):
    put(sim, "SiteProperty", "50")
    requests.post(sim.root_url + "/_sim/reset", timeout=10)
    assert requests.get(sim.root_url + "/_sim/properties", timeout=10).json() == {"writes": 0, "values": []}
