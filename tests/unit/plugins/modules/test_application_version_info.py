"""outsystems.lifetime.application_version_info against the simulator."""

import pytest


def test_versions_newest_first(run_module, simulator):
    result = run_module("application_version_info", application="Customer Portal")
    assert result["changed"] is False
    assert [item["version"] for item in result["versions"]] == ["1.2.0", "1.1.0", "1.0.0"]
    first = result["versions"][0]
    assert first["key"] == simulator.state.find_app("Customer Portal").version_by_label("1.2.0").key
    assert "change_log" in first and "in_use" in first
    request = simulator.requests()[-1]
    assert request["path"].endswith("/versions/") and str(request["query"]["MaximumVersionsToReturn"]) in ("5", "['5']")
    assert all(entry["method"] == "GET" for entry in simulator.requests())


def test_numeric_order(run_module, simulator):
    for version in ("1.9.0", "1.10.0"):
        simulator.state.find_app("Inventory").status[simulator.state.find_env("Development").key].modified = True
        run_module("application_version", application="Inventory", environment="Development", version=version)
    result = run_module("application_version_info", application="Inventory")
    assert [item["version"] for item in result["versions"]] == ["1.10.0", "1.9.0", "1.0.0", "0.9.0"]


def test_max_versions(run_module, simulator):
    result = run_module("application_version_info", application="Customer Portal", max_versions=2)
    assert len(result["versions"]) == 2


def test_change_log_filter(run_module, simulator):
    simulator.state.find_app("Orders").status[simulator.state.find_env("Development").key].modified = True
    run_module("application_version", application="Orders", environment="Development", change_log="Hotfix for invoices")
    result = run_module("application_version_info", application="Orders", change_log_filter="hotfix")
    assert [item["version"] for item in result["versions"]] == ["2.1.1"]


@pytest.mark.parametrize("by", ["label", "key"])
def test_one_version_with_modules(run_module, simulator, by):
    version = simulator.state.find_app("Customer Portal").version_by_label("1.1.0")
    result = run_module("application_version_info", application="Customer Portal", version="1.1.0" if by == "label" else version.key)
    assert [item["version"] for item in result["versions"]] == ["1.1.0"]
    assert result["versions"][0]["module_versions"]
    assert result["versions"][0]["module_versions"][0]["key"] == version.module_version_keys[0]


def test_unknown_version_fails_naming_existing(run_module, simulator):
    result = run_module("application_version_info", application="Customer Portal", version="9.9.9")
    assert result.get("failed") and "9.9.9" in result["msg"] and "1.2.0, 1.1.0, 1.0.0" in result["msg"]


def test_unknown_application_fails(run_module, simulator):
    result = run_module("application_version_info", application="Ordrs")
    assert result.get("failed") and "Ordrs" in result["msg"] and "Did you mean 'Orders'" in result["msg"]


def test_negative_max_versions_fails(run_module, simulator):
    result = run_module("application_version_info", application="Orders", max_versions=-1)
    assert result.get("failed") and "max_versions" in result["msg"]
    assert simulator.requests() == []
