"""technical_debt_info in-process against the simulator's AI Mentor Studio API and LifeTime."""

import json

import pytest

KEY, CODE = "demo-aims-key", "demo-activation-code"


@pytest.fixture
def debt(run_module, simulator, monkeypatch):
    """Run technical_debt_info with the AIMS address and credentials from the environment."""
    monkeypatch.setenv("AIMS_URL", simulator.aims_url)
    monkeypatch.setenv("AIMS_API_KEY", KEY)
    monkeypatch.setenv("AIMS_ACTIVATION_CODE", CODE)

    def runner(**args):
        return run_module("technical_debt_info", **args)

    return runner


def aims_requests(simulator):
    return [entry for entry in simulator.requests() if entry["path"].startswith("/AIMentorStudioAPI/")]


def test_every_analysed_application_over_every_page_without_lifetime(debt, simulator):
    simulator.aims.configure({"max_page_size": 2})
    result = debt()
    assert not result.get("failed"), result
    assert [app["name"] for app in result["applications"]] == ["Customer Portal", "Inventory", "Mobile Banking", "Orders", "Shared Components"]
    assert [level["name"] for level in result["levels"]] == ["Low", "Medium", "High"]
    security = [category for category in result["categories"] if category["is_security"]]
    assert [category["name"] for category in security] == ["Security"]
    orders = result["applications"][3]
    assert orders["level"] == "High" and orders["findings_by_category"] == {"Architecture": 4, "Security": 3}
    assert sorted(module["name"] for module in orders["modules"]) == ["Orders", "Orders_CS"]
    assert not [entry for entry in simulator.requests() if entry["path"].startswith("/lifetimeapi/")]
    assert "gate" not in result


def test_names_resolved_through_lifetime_and_no_data_reported(debt, simulator):
    result = debt(applications=["Orders", "hr onboarding"], max_level="Medium", max_security_findings=0)
    assert not result.get("failed"), result
    assert [(app["name"], app["has_data"]) for app in result["applications"]] == [("Orders", True), ("HR Onboarding", False)]
    assert result["no_data"] == ["HR Onboarding"]
    assert result["gate"]["passed"] is False
    assert [offender["name"] for offender in result["gate"]["offenders"]] == ["Orders", "HR Onboarding"]
    hr_calls = [entry for entry in aims_requests(simulator) if entry["query"].get("ApplicationGUID")]
    assert [entry["status"] for entry in hr_calls] == [404]


def test_a_key_is_the_aims_guid(debt, simulator):
    key = simulator.state.find_app("Inventory").key
    result = debt(applications=[key], max_security_findings=1)
    assert result["applications"][0]["name"] == "Inventory" and result["gate"]["passed"] is True


def test_an_unknown_level_fails_naming_the_valid_ones(debt):
    result = debt(max_level="Critical")
    assert result["failed"] and "'Critical'" in result["msg"] and "Low, Medium, High" in result["msg"]


def test_wrong_credentials_fail_clearly_and_never_show_them(debt, monkeypatch):
    monkeypatch.setenv("AIMS_API_KEY", "wrong-key-123")
    result = debt()
    assert result["failed"] and result["status"] == 401 and "aims_api_key" in result["msg"]
    assert "wrong-key-123" not in json.dumps(result) and CODE not in json.dumps(result)


def test_forbidden_is_a_clear_failure(debt, simulator, monkeypatch):
    simulator.set_scenario("http_5xx", status=403, count=1, path_contains="TechnicalDebt_Level")
    result = debt()
    assert result["failed"] and result["status"] == 403 and "licensed" in result["msg"]


def test_missing_credentials_name_the_environment_variables(debt, monkeypatch):
    monkeypatch.delenv("AIMS_ACTIVATION_CODE")
    result = debt()
    assert result["failed"] and "AIMS_ACTIVATION_CODE" in result["msg"]


def test_an_unknown_application_fails_before_aims_is_asked_about_it(debt, simulator):
    result = debt(applications=["Ordres"])
    assert result["failed"] and "Ordres" in result["msg"]
    assert not aims_requests(simulator)


@pytest.mark.parametrize("operation, body", [
    ("TechnicalDebt_Level", {"Levels": "Low, Medium"}),
    ("TechnicalDebt_Application", {"Applications": [{"GUID": "x", "Name": "X", "LevelGUID": "y", "Findings": [{"Count": "many"}]}]}),
])
def test_an_unexpected_answer_names_the_ai_mentor_studio_request(debt, simulator, operation, body):
    simulator.aims.configure({"answers": {operation: body}})
    result = debt()
    assert result["failed"] and result["path"] == "/" + operation
    assert result["msg"].startswith("unexpected answer from AI Mentor Studio to GET /%s: " % operation), result["msg"]
    assert "Traceback" not in result["msg"]
