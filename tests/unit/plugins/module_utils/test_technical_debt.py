"""The AI Mentor Studio client against the simulator's AIMS API: credentials, paging, 404 = no data, retries per Retry-After."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.client import LifetimeClient, Transport
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeConnectionError
from ansible_collections.outsystems.lifetime.plugins.module_utils.technical_debt import (
    AimsClient,
    aims_base_url,
    gate,
    technical_debt,
)

AIMS_PATH = "/AIMentorStudioAPI/rest/v1"
KEY, CODE = "demo-aims-key", "demo-activation-code"


@pytest.fixture
def aims(simulator, sleeps):
    return AimsClient(simulator.aims_url, KEY, CODE, retries=3, timeout=5, sleep=sleeps)


def aims_requests(simulator):
    return [entry for entry in simulator.requests() if entry["path"].startswith(AIMS_PATH)]


def key_of(name):
    from lifetime_simulator.model import make_key
    return make_key("application", name)


def test_both_clients_share_one_transport():
    assert issubclass(AimsClient, Transport) and issubclass(LifetimeClient, Transport)
    assert AimsClient._send is LifetimeClient._send


@pytest.mark.parametrize("given, expected", [
    ("aimentorstudio.outsystems.com", "https://aimentorstudio.outsystems.com/AIMentorStudioAPI/rest/v1"),
    ("https://architecture.outsystems.com/ArchitectureDashboardAPI/rest/V1/", "https://architecture.outsystems.com/ArchitectureDashboardAPI/rest/V1"),
    ("http://127.0.0.1:8080/AIMentorStudioAPI/rest/v1", "http://127.0.0.1:8080/AIMentorStudioAPI/rest/v1"),
])
def test_host_and_base_path_are_configurable(given, expected):
    assert aims_base_url(given) == expected


def test_missing_credentials_name_the_options_and_variables():
    with pytest.raises(ValueError) as caught:
        AimsClient("aimentorstudio.outsystems.com", "", None, timeout=30, retries=3)
    assert "aims_api_key or AIMS_API_KEY" in str(caught.value) and "aims_activation_code or AIMS_ACTIVATION_CODE" in str(caught.value)


def test_the_credentials_go_in_the_two_headers_only(simulator, aims):
    body = aims.read("/TechnicalDebt_Level")
    assert [level["Name"] for level in body["Levels"]] == ["Low", "Medium", "High"]
    wrong = AimsClient(simulator.aims_url, "not-the-key", CODE, timeout=30, retries=0)
    with pytest.raises(LifetimeApiError) as caught:
        wrong.read("/TechnicalDebt_Level")
    assert caught.value.status == 401
    assert "aims_api_key" in str(caught.value) and "not-the-key" not in str(caught.value) and CODE not in str(caught.value)


def test_a_missing_header_is_a_400(simulator):
    import requests
    answer = requests.get(simulator.aims_url + "/TechnicalDebt_Level", headers={"x-api-key": KEY}, timeout=5)
    assert answer.status_code == 400 and answer.json()["StatusCode"] == 400


def test_every_page_is_read(simulator, aims):
    simulator.aims.configure({"max_page_size": 2})
    _info, apps = aims.application_pages(page_size=2)
    assert sorted(app["Name"] for app in apps) == ["Customer Portal", "Inventory", "Mobile Banking", "Orders", "Shared Components"]
    offsets = [entry["query"]["Offset"] for entry in aims_requests(simulator)]
    assert offsets == ["0", "2", "4"]


def test_the_server_may_give_smaller_pages_than_asked(simulator, aims):
    simulator.aims.configure({"max_page_size": 1})
    _info, apps = aims.application_pages()
    assert len(apps) == 5 and len(aims_requests(simulator)) == 5


def test_404_for_an_application_is_no_data(simulator, aims):
    hr = key_of("HR Onboarding")
    assert aims.application_pages({"ApplicationGUID": hr}, missing_ok=True) is None
    result, _catalog = technical_debt(aims, [(hr, "HR Onboarding"), (key_of("Orders"), "Orders")])
    assert result["no_data"] == ["HR Onboarding"]
    hr_result, orders = result["applications"]
    assert hr_result["has_data"] is False and hr_result["level"] is None
    assert orders["level"] == "High" and orders["severity"] == 2 and orders["security_findings"] == 3


@pytest.mark.parametrize("scenario", [
    {"name": "rate_limit", "params": {"status": 429, "retry_after": 7, "count": 2}},
    {"name": "http_5xx", "params": {"status": 503, "retry_after": 11, "count": 2}},
])
def test_429_and_503_are_retried_after_the_time_the_server_asks(simulator, aims, sleeps, scenario):
    simulator.set_scenario(scenario["name"], path_contains="TechnicalDebt_Application", **scenario["params"])
    _info, apps = aims.application_pages()
    assert len(apps) == 5
    wait = float(scenario["params"]["retry_after"])
    assert sleeps == [wait, wait]
    statuses = [entry["status"] for entry in aims_requests(simulator)]
    assert statuses == [scenario["params"]["status"]] * 2 + [200]


def test_retries_exhausted_give_one_actionable_error(simulator, sleeps):
    simulator.set_scenario("http_5xx", status=503, retry_after=2, count=5, path_contains="TechnicalDebt")
    client = AimsClient(simulator.aims_url, KEY, CODE, timeout=30, retries=2, sleep=sleeps)
    with pytest.raises(LifetimeApiError) as caught:
        client.read("/TechnicalDebt_Level")
    assert caught.value.status == 503 and sleeps == [2.0, 2.0]
    assert "still analysing" in str(caught.value) and KEY not in str(caught.value)


def test_an_unreachable_server_is_named_as_ai_mentor_studio(sleeps):
    client = AimsClient("http://127.0.0.1:9/AIMentorStudioAPI/rest/v1", KEY, CODE, retries=1, timeout=2, sleep=sleeps)
    with pytest.raises(LifetimeConnectionError) as caught:
        client.read("/TechnicalDebt_Level")
    assert "could not reach AI Mentor Studio at http://127.0.0.1:9" in str(caught.value) and len(sleeps) == 1


def test_severity_is_the_position_in_the_servers_level_list(simulator, aims):
    result, catalog = technical_debt(aims)
    assert [(level["name"], level["severity"]) for level in result["levels"]] == [("Low", 0), ("Medium", 1), ("High", 2)]
    by_name = dict((app["name"], app) for app in result["applications"])
    checked = gate(result["applications"], catalog, max_level="Low", max_security_findings=5)
    assert sorted(offender["name"] for offender in checked["offenders"]) == ["Inventory", "Orders", "Shared Components"]
    assert by_name["Inventory"]["severity"] == 1
    with pytest.raises(ValueError) as caught:
        gate(result["applications"], catalog, max_level="Critical")
    assert "'Critical'" in str(caught.value) and "Low, Medium, High" in str(caught.value)


def test_the_gate_lists_every_offender_with_every_reason(simulator, aims):
    asked = [(key_of(name), name) for name in ("Customer Portal", "Orders", "Inventory", "HR Onboarding")]
    result, catalog = technical_debt(aims, asked)
    checked = gate(result["applications"], catalog, max_level="Medium", max_security_findings=0)
    assert not checked["passed"]
    offenders = dict((offender["name"], offender["reasons"]) for offender in checked["offenders"])
    assert offenders == {
        "Orders": ["level High is above Medium", "3 security findings, more than 0"],
        "Inventory": ["1 security findings, more than 0"],
        "HR Onboarding": ["AI Mentor Studio has no technical debt data for it (allow_no_data is false)"],
    }
    assert "Orders (level High, 3 security findings, findings by category: Architecture 4, Security 3)" in checked["message"]
    allowed = gate(result["applications"], catalog, max_level="High", max_security_findings=3, allow_no_data=True)
    assert allowed["passed"] and allowed["offenders"] == []


def test_last_analysis_date_is_parsed(aims):
    result, _catalog = technical_debt(aims)
    assert result["last_analysis_date"] == "2026-03-02T08:30:00.500000Z"
