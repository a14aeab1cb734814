"""The Properties API client against the simulator: raw text bodies, 201 with Success: false, statuses, retries."""

import pytest
import requests

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import LifetimeClient
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.properties import (
    ITEM_TYPES,
    PropertiesClient,
    item_type,
    key_problem,
    properties_base_url,
)
from lifetime_simulator.model import make_key

TOKEN = "demo-token"
ORDERS, TEST = make_key("module", "Orders"), make_key("environment", "Test")


@pytest.fixture
def client(simulator, sleeps):
    return PropertiesClient(simulator.root_url, TOKEN, timeout=5, retries=2, sleep=sleeps)


def properties_requests(simulator):
    return [entry for entry in simulator.requests() if entry["path"].startswith("/PropertiesAPI/rest/v1/")]


def test_the_four_paths_are_the_contracts():
    # tests/contract/properties-api.md
    assert {name: ITEM_TYPES[name][0] for name in ITEM_TYPES} == {
        "site_property": "Modules/{module_key}/Environments/{environment_key}/SiteProperties/{item_key}/Value/",
        "rest_endpoint": "Modules/{module_key}/Environments/{environment_key}/RESTReferences/{item_key}/EffectiveURL/",
        "soap_endpoint": "Modules/{module_key}/Environments/{environment_key}/SOAPReferences/{item_key}/EffectiveURL/",
        "timer_schedule": "Modules/{module_key}/Environments/{environment_key}/Timers/{item_key}/Schedule/",
    }
    assert all(endpoints.METHODS[template] == ("PUT",) for template, _spelling, _what in ITEM_TYPES.values())


@pytest.mark.parametrize("given, expected", [
    ("lifetime.example.com", "https://lifetime.example.com/PropertiesAPI/rest/v1"),
    ("https://lifetime.example.com/lifetimeapi/rest/v2/", "https://lifetime.example.com/PropertiesAPI/rest/v1"),
    ("https://proxy.example.com/lt/lifetime", "https://proxy.example.com/lt/PropertiesAPI/rest/v1"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/PropertiesAPI/rest/v1"),
])
def test_the_base_is_on_the_lifetime_host(given, expected):
    assert properties_base_url(given) == expected


@pytest.mark.parametrize("given, expected", [("site_property", "site_property"), ("SiteProperty", "site_property"),
                                             ("REST_Endpoint", "rest_endpoint"), ("SOAP_Endpoint", "soap_endpoint"),
                                             ("TimerSchedule", "timer_schedule")])
def test_types_in_snake_case_or_as_the_manifest_spells_them(given, expected):
    assert item_type(given) == expected


def test_an_unknown_type_names_the_choices():
    with pytest.raises(ValueError) as caught:
        item_type("Timer")
    assert "'Timer'" in str(caught.value) and "site_property, rest_endpoint, soap_endpoint, timer_schedule" in str(caught.value)


@pytest.mark.parametrize("key, problem", [("", "is empty"), ("  ", "is empty"), ("a/b", "is not a key"), ("a b", "is not a key"),
                                          ("a?b", "is not a key"), ("4f3c-site-1", None)])
def test_keys_that_cannot_be_a_path_segment(key, problem):
    found = key_problem("key", key)
    assert (found is None) if problem is None else (problem in found)


def test_the_body_is_the_raw_text_with_the_json_content_type(simulator, client, monkeypatch):
    sent = []
    original = requests.Session.request

    def spy(session, method, url, **kwargs):
        sent.append((method, url, kwargs.get("data"), dict(kwargs.get("headers") or {})))
        return original(session, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", spy)
    message = client.set_value("REST_Endpoint", ORDERS, TEST, "rest-payments", "https://payments-qa.example.com/api")
    assert message
    method, url, data, headers = sent[0]
    assert method == "PUT" and url == "%s/PropertiesAPI/rest/v1/Modules/%s/Environments/%s/RESTReferences/rest-payments/EffectiveURL/" % (
        simulator.root_url, ORDERS, TEST)
    assert data == b"https://payments-qa.example.com/api"
    assert headers["Content-Type"] == "application/json" and headers["Authorization"] == "Bearer " + TOKEN
    assert [(v["type"], v["value"]) for v in simulator.property_values()] == [("REST_Endpoint", "https://payments-qa.example.com/api")]


def test_text_goes_out_utf8_and_empty_is_empty(simulator, client):
    client.set_value("site_property", ORDERS, TEST, "sp-greeting", "Olá, 50 €")
    client.set_value("site_property", ORDERS, TEST, "sp-empty", "")
    assert dict((v["key"], v["value"]) for v in simulator.property_values()) == {"sp-greeting": "Olá, 50 €", "sp-empty": ""}


def test_success_false_is_a_failure_with_the_servers_message(simulator, client):
    hr = make_key("module", "HROnboarding")
    with pytest.raises(LifetimeApiError) as caught:
        client.set_value("site_property", hr, TEST, "sp-pagesize", "50")
    text = str(caught.value)
    assert text.startswith("PUT /PropertiesAPI/rest/v1/Modules/%s/Environments/%s/SiteProperties/sp-pagesize/Value/" % (hr, TEST))
    assert "Success: false" in text and "Module 'HROnboarding' is not deployed in environment 'Test'" in text
    assert caught.value.status == 201 and simulator.property_values() == []


def test_401_is_not_retried_and_names_the_token_without_showing_it(simulator, sleeps):
    client = PropertiesClient(simulator.root_url, "wrong-secret-token", timeout=5, retries=3, sleep=sleeps)
    with pytest.raises(LifetimeApiError) as caught:
        client.set_value("timer_schedule", ORDERS, TEST, "timer-1", "every day")
    assert caught.value.status == 401 and "lifetime_token" in str(caught.value) and "wrong-secret-token" not in str(caught.value)
    assert "PUT /PropertiesAPI/rest/v1/Modules/" in str(caught.value)
    assert len(properties_requests(simulator)) == 1 and sleeps == []


def test_503_is_retried_then_the_value_is_set(simulator, client, sleeps):
    simulator.set_scenario("http_5xx", status=503, count=2, path_contains="/PropertiesAPI/")
    client.set_value("soap_endpoint", ORDERS, TEST, "soap-erp", "https://erp.example.com/ws")
    assert [entry["status"] for entry in properties_requests(simulator)] == [503, 503, 201]
    assert len(sleeps) == 2 and [v["value"] for v in simulator.property_values()] == ["https://erp.example.com/ws"]


def test_a_500_fails_naming_method_and_path(simulator, client, sleeps):
    simulator.set_scenario("http_5xx", status=500, count=1, path_contains="/PropertiesAPI/")
    with pytest.raises(LifetimeApiError) as caught:
        client.set_value("site_property", ORDERS, TEST, "sp-pagesize", "50")
    assert str(caught.value).startswith("PUT /PropertiesAPI/rest/v1/Modules/%s/Environments/%s/SiteProperties/sp-pagesize/Value/ failed with HTTP 500"
                                        % (ORDERS, TEST))
    assert sleeps == [] and simulator.property_values() == []


class Answer:
    def __init__(self, status, content):
        self.status_code = status
        self.content = content
        self.text = content.decode("utf-8")
        self.headers = {}


@pytest.mark.parametrize("status, content, expected", [
    (200, b'{"Success": true, "Message": "ok"}', "failed with HTTP 200: ok. The Properties API answers 201 Created"),
    (201, b'"done"', "answered 201 without the field Success"),
    (201, b'{"Message": "done"}', "answered 201 without the field Success"),
])
def test_other_answers_are_clear_failures(monkeypatch, sleeps, status, content, expected):
    client = PropertiesClient("https://lifetime.example.com", TOKEN, timeout=5, retries=0, sleep=sleeps)
    monkeypatch.setattr(client.session, "request", lambda *args, **kwargs: Answer(status, content))
    with pytest.raises(LifetimeApiError) as caught:
        client.set_value("site_property", ORDERS, TEST, "sp-pagesize", "50")
    assert str(caught.value).startswith("PUT /PropertiesAPI/rest/v1/Modules/") and expected in str(caught.value)


def test_it_shares_the_lifetime_transport():
    assert PropertiesClient._send is LifetimeClient._send
