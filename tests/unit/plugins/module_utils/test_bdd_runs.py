"""The JUnit document of a BDD run and the reading of probe answers, without a server."""

import datetime
from xml.etree import ElementTree

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.bdd_runs import junit_xml
from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import environment_address, scanned_module

STARTED = datetime.datetime(2026, 11, 30, 19, 5, 7, tzinfo=datetime.timezone.utc)


def result(suite, name, outcome, junit_type=None, message=""):
    return {"test_suite": suite, "name": name, "test_name": "test_%s__%s" % (suite, name), "outcome": outcome,
            "junit_type": junit_type, "message": message, "duration": 0.25}


def test_no_tests_give_an_empty_testsuites_element():
    assert ElementTree.fromstring(junit_xml([], STARTED)).tag == "testsuites"
    assert list(ElementTree.fromstring(junit_xml([], STARTED))) == []


def test_the_suite_is_named_by_the_start_time_and_cases_are_in_alphabetical_order():
    text = junit_xml([result("Zeta", "A", "passed"), result("Alpha", "B", "failed", "AssertionError", "\nBDD <fail> & \"x\"\n"),
                      result("Alpha", "A", "error", "NotImplementedError", "HTTP 500")], STARTED)
    suite = ElementTree.fromstring(text).find("testsuite")
    assert suite.get("name") == "BDDTestRunner-20261130190507"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("time")) == ("3", "1", "1", "0.750")
    assert [case.get("name") for case in suite] == ["test_Alpha__A", "test_Alpha__B", "test_Zeta__A"]
    assert suite[1].find("failure").get("message") == "\nBDD <fail> & \"x\"\n", "the message survives XML escaping"


@pytest.mark.parametrize("element, version, words", [
    ({"EspaceName": "X"}, 1, ["BDDTestEndpointsInfo"]),
    ({"BDDTestEndpointsInfo": {"EspaceName": "X"}}, 1, ["WebFlows"]),
    ({"EspaceName": "X", "TestFlows": ["flow"]}, 2, ["flow", "TestScreens"]),
    ({"EspaceName": "X", "TestFlows": [{"Name": "F", "TestScreens": [{}]}]}, 2, ["flow F", "no Name"]),
])
def test_a_scan_element_without_its_fields_is_named_in_the_error(element, version, words):
    with pytest.raises(ValueError) as caught:
        scanned_module(element, version, "element 0")
    assert all(word in str(caught.value) for word in words), str(caught.value)


@pytest.mark.parametrize("given, address", [
    ("test.example.com", "https://test.example.com"), ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ("ftp://test.example.com/base/", "https://test.example.com/base"),
])
def test_the_scheme_is_kept_for_http_and_https_otherwise(given, address):
    assert environment_address(given, "probe_url") == address


def test_the_probe_client_waits_as_each_refusal_asks(simulator, sleeps):
    from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import ProbeClient

    simulator.set_scenario("rate_limit", path_contains="GetApplicationDependencies", retry_after=2, count=1)
    simulator.set_scenario("http_5xx", path_contains="GetApplicationDependencies", status=503, retry_after=5, count=1)
    client = ProbeClient(simulator.root_url, timeout=10, retries=3, version=2, sleep=sleeps)
    assert client.producers("Orders", "2.1.0") == [simulator.state.find_app("Shared Components").key]
    assert sleeps == [2.0, 5.0]
    assert [entry["status"] for entry in simulator.requests()] == [429, 503, 200]


def test_the_probe_client_gives_up_after_its_retries_naming_the_request(simulator, sleeps, fast_backoff):
    from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import ProbeClient
    from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError

    simulator.set_scenario("http_5xx", path_contains="ScanBDD", status=503, count=3)
    client = ProbeClient(simulator.root_url, timeout=10, retries=2, sleep=sleeps)
    with pytest.raises(LifetimeApiError) as caught:
        client.scan("Orders")
    assert "GET /ScanBDDTestEndpoints (CI/CD Probe) failed with HTTP 503" in str(caught.value)
    assert len(sleeps) == 2 and len(simulator.requests()) == 3
