"""application_dependency_info in-process: running versions from LifeTime, producers from the CI/CD Probe, the order."""

import pytest


@pytest.fixture
def dependencies(run_module, simulator):
    def runner(**args):
        args.setdefault("probe_url", simulator.root_url)
        args.setdefault("environment", "Development")
        return run_module("application_dependency_info", **args)

    return runner


def probe_queries(simulator):
    return [entry["query"] for entry in simulator.requests() if entry["path"].endswith("/GetApplicationDependencies")]


def test_producers_come_first_and_a_level_is_ordered_by_name(dependencies, simulator):
    result = dependencies(applications=["Orders", "Inventory", "Customer Portal", "Shared Components"])
    assert not result.get("failed"), result
    assert result["levels"] == [["Inventory", "Shared Components"], ["Customer Portal", "Orders"]]
    assert result["order"] == ["Inventory", "Shared Components", "Customer Portal", "Orders"]
    orders = result["applications"][3]
    assert (orders["name"], orders["version"], orders["level"], orders["ordered_after"]) == ("Orders", "2.1.0", 1, ["Shared Components"])
    assert orders["producers"] == [{"key": simulator.state.find_app("Shared Components").key, "name": "Shared Components"}]
    # The probe is asked about the version each application runs in the environment (Customer Portal runs 1.2.0 there).
    assert {query["ApplicationName"]: query["ApplicationVersion"] for query in probe_queries(simulator)} == {
        "Orders": "2.1.0", "Inventory": "1.0.0", "Customer Portal": "1.2.0", "Shared Components": "1.1.0"}
    assert simulator.mutating_requests() == []


def test_a_producer_outside_the_applications_asked_orders_nothing(dependencies):
    result = dependencies(applications=["Orders", "Customer Portal"], environment="Test")
    assert not result.get("failed"), result
    assert result["levels"] == [["Customer Portal", "Orders"]]
    assert [app["producers"][0]["name"] for app in result["applications"]] == ["Shared Components", "Shared Components"]


def test_a_cycle_fails_naming_its_applications(dependencies, simulator):
    simulator.probe.configure({"dependencies": {"Shared Components": ["Orders"]}})
    result = dependencies(applications=["Orders", "Shared Components", "Inventory"])
    assert result["failed"], result
    assert result["cycle"] == ["Orders", "Shared Components", "Orders"]
    assert "Orders -> Shared Components -> Orders" in result["msg"]
    assert len(probe_queries(simulator)) == 3


def test_an_application_not_running_there_fails_naming_those_that_do(dependencies, simulator):
    result = dependencies(applications=["HR Onboarding"], environment="Test")
    assert result["failed"] and "HR Onboarding" in result["msg"] and "Orders" in result["msg"], result
    assert probe_queries(simulator) == []
