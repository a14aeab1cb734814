"""The simulator's AI Mentor Studio API: headers, the five GETs, paging bounds, 404 = no data, admin, faults."""
import pytest
import requests

from lifetime_simulator.model import make_key

HEADERS = {"x-api-key": "demo-aims-key", "x-activation-code": "demo-activation-code"}


def get(sim, operation, headers=None, **params):
    return requests.get(sim.aims_url + "/" + operation, headers=HEADERS if headers is None else headers, params=params, timeout=10)


@pytest.mark.parametrize("headers, status", [
    ({}, 400),
    ({"x-api-key": "demo-aims-key"}, 400),
    ({"x-activation-code": "demo-activation-code"}, 400),
    ({"x-api-key": "demo-aims-key", "x-activation-code": "wrong"}, 401),
    ({"x-api-key": "wrong", "x-activation-code": "demo-activation-code"}, 401),
])
def test_both_headers_are_checked(sim, headers, status):
    answer = get(sim, "TechnicalDebt_Level", headers=headers)
    assert answer.status_code == status and answer.json() == {"Errors": answer.json()["Errors"], "StatusCode": status}


def test_the_documented_records(sim):
    levels = get(sim, "TechnicalDebt_Level").json()
    assert [level["Name"] for level in levels["Levels"]] == ["Low", "Medium", "High"]
    assert set(levels["InfrastructureInfo"]) == {"ActivationCode", "LastAnalyzedOn"}
    categories = get(sim, "TechnicalDebt_Category").json()["Categories"]
    security = [category for category in categories if category["Name"] == "Security"]
    assert security[0]["GUID"] == "6c87e98f-2ece-4df2-b791-d0c7eae15914" and security[0]["Patterns"]
    assert get(sim, "TechnicalDebt_LastAnalysisDate").json()["LastAnalyzedOn"] == "2026-03-02T08:30:00.5Z"
    teams = get(sim, "TechnicalDebt_Team").json()["Teams"]
    assert teams and set(teams[0]) == {"ExternalId", "Name", "Applications"}


def test_paging_with_limit_offset_and_next_page_offset(sim):
    first = get(sim, "TechnicalDebt_Application", Limit=2).json()
    assert [app["Name"] for app in first["Applications"]] == ["Customer Portal", "Inventory"]
    assert first["Page"] == {"Limit": 2, "Offset": 0, "NextPageOffset": 2, "TotalResults": 5, "TotalPages": 3}
    last = get(sim, "TechnicalDebt_Application", Limit=2, Offset=4).json()
    assert [app["Name"] for app in last["Applications"]] == ["Shared Components"] and last["Page"]["NextPageOffset"] == 0
    assert len(get(sim, "TechnicalDebt_Application").json()["Applications"]) == 5  # default Limit 20


@pytest.mark.parametrize("params", [{"Limit": 201}, {"Limit": 0}, {"Offset": -1}, {"Limit": "many"}])
def test_parameters_out_of_bounds_are_a_400(sim, params):
    assert get(sim, "TechnicalDebt_Application", **params).status_code == 400


def test_an_application_without_data_is_a_404_and_the_admin_sets_one(sim):
    hr = make_key("application", "HR Onboarding")
    assert get(sim, "TechnicalDebt_Application", ApplicationGUID=hr).status_code == 404
    requests.post(sim.root_url + "/_sim/aims", json={"application": "HR Onboarding", "level": "High",
                                                     "modules": {"HROnboarding": {"Security": {"SQL injection": 5}}}}, timeout=5)
    [app] = get(sim, "TechnicalDebt_Application", ApplicationGUID=hr).json()["Applications"]
    assert app["LevelGUID"] == make_key("aims-level", "High")
    assert [(finding["CategoryGUID"], finding["Count"]) for finding in app["Modules"][0]["Findings"]] == [
        ("6c87e98f-2ece-4df2-b791-d0c7eae15914", 5)]
    assert app["Findings"] == app["Modules"][0]["Findings"]
    requests.post(sim.root_url + "/_sim/aims", json={"application": "Orders", "no_data": True}, timeout=5)
    assert get(sim, "TechnicalDebt_Application", ApplicationGUID=make_key("application", "Orders")).status_code == 404
    sim.reset()
    assert get(sim, "TechnicalDebt_Application", ApplicationGUID=hr).status_code == 404


def test_module_filter(sim):
    answer = get(sim, "TechnicalDebt_Application", ModuleGUID=make_key("module", "Orders_CS")).json()
    assert [(app["Name"], [module["Name"] for module in app["Modules"]]) for app in answer["Applications"]] == [("Orders", ["Orders_CS"])]


def test_503_with_retry_after_for_the_application_operation(sim):
    sim.set_scenario("http_5xx", status=503, retry_after=30, count=1, path_contains="TechnicalDebt_Application")
    answer = get(sim, "TechnicalDebt_Application")
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert get(sim, "TechnicalDebt_Application").status_code == 200


def test_aims_requests_are_logged_without_credentials_and_never_mutating(sim):
    get(sim, "TechnicalDebt_Level")
    [entry] = [entry for entry in sim.requests() if entry["path"].startswith("/AIMentorStudioAPI/")]
    assert "demo-aims-key" not in str(entry) and sim.mutating_requests() == []
