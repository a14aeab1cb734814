"""A promotion that fails, meets conflicts or times out leaves no saved plan that it created."""

import pytest

from .conftest import plan_posts

APPS = ["Customer Portal", "Mobile Banking"]


def promote(run, **args):
    merged = dict(source_environment="Development", target_environment="Test", applications=APPS)
    merged.update(args)
    return run("deployment", **merged)


def saved_plans(simulator):
    return [plan.key for plan in simulator.state.deployments if plan.status == "saved"]


def test_finished_with_errors_leaves_no_saved_plan(run, simulator, fast_polling):
    simulator.set_scenario("finished_with_errors")
    result = promote(run)
    assert result.get("failed") and "finished_with_errors" in result["msg"]
    assert saved_plans(simulator) == []
    assert [plan.status for plan in simulator.state.deployments] == ["finished_with_errors"]
    assert len(plan_posts(simulator)) == 1


def test_conflicts_delete_the_plan_this_task_created(run, simulator, fast_polling):
    simulator.set_scenario("conflicts")
    result = promote(run)
    assert result.get("failed") and "conflict" in result["msg"]
    assert result.get("plan_deleted") is True
    assert simulator.state.deployments == []
    created = [entry for entry in plan_posts(simulator) if entry["status"] < 300]
    assert len(created) == 1
    deletes = [entry for entry in simulator.mutating_requests() if entry["method"] == "DELETE"]
    assert len(deletes) == 1


def test_conflicts_keep_a_plan_the_task_did_not_create(run, simulator, fast_polling):
    saved = promote(run, state="present")
    assert saved["status"] == "saved"
    simulator.set_scenario("conflicts")
    result = promote(run)
    assert result.get("failed") and "conflict" in result["msg"]
    assert saved_plans(simulator) == [saved["key"]], "a plan made by someone else must be left alone"


@pytest.mark.parametrize("on_timeout, final", [("abort", "aborted"), ("fail", "running")])
def test_timeout_leaves_no_saved_plan(run, simulator, fast_polling, monkeypatch, on_timeout, final):
    monkeypatch.setattr(simulator.state, "deploy_seconds", 30)
    result = promote(run, wait_timeout=1, on_timeout=on_timeout)
    assert result.get("failed")
    assert "did not finish within wait_timeout (1 seconds" in result["msg"] and final in result["msg"]
    assert saved_plans(simulator) == []
    plans = simulator.state.deployments
    assert len(plans) == 1
    if final == "aborted":
        assert plans[0].status in ("aborting", "aborted")
    else:
        assert plans[0].status == "running"
        simulator.state.plans.clear()  # do not leave a running plan to the next test's simulator reset
