"""deployment_info against the simulator."""

import pytest

pytestmark = pytest.mark.usefixtures("fast_polling")


def test_one_plan_and_filters(simulator, run_module):
    done = run_module("deployment", source_environment="Development", target_environment="Test", applications=["Customer Portal"])
    saved = run_module("deployment", state="present", source_environment="Test", target_environment="Production", applications=["Orders"])
    assert done["status"] == "finished_successful" and saved["status"] == "saved"
    simulator.clear_requests()

    one = run_module("deployment_info", key=done["key"])
    assert one["changed"] is False and len(one["deployments"]) == 1
    record = one["deployments"][0]
    assert record["key"] == done["key"] and record["status"] == "finished_successful"
    assert record["target_environment"] == "Test" and record["source_environment"] == "Development"
    assert record["deployment_log"] and record["conflicts"] == []

    every = run_module("deployment_info")
    assert {d["key"] for d in every["deployments"]} == {done["key"], saved["key"]}
    to_prod = run_module("deployment_info", target_environment="Production")
    assert [d["key"] for d in to_prod["deployments"]] == [saved["key"]]
    only_saved = run_module("deployment_info", status=["saved"])
    assert [d["key"] for d in only_saved["deployments"]] == [saved["key"]]
    # A saved plan's StartedOn is LifeTime's "not set" (1900-01-01T00:00:00): never reported as a date.
    assert only_saved["deployments"][0]["started_on"] is None and only_saved["deployments"][0]["created_on"].endswith("Z")
    assert record["started_on"].endswith("Z") and record["aborted_on"] is None
    past = run_module("deployment_info", max_date="2020-01-01")
    assert past["deployments"] == []
    assert simulator.mutating_requests() == []


def test_unknown_key_and_environment(simulator, run_module):
    missing = run_module("deployment_info", key="00000000-0000-0000-0000-000000000000")
    assert missing["failed"] and "not found" in missing["msg"]
    env = run_module("deployment_info", target_environment="Staging")
    assert env["failed"] and "Valid environment names" in env["msg"]
