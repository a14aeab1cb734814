"""The promote role's two-step, wait-for-other-plans and check-mode behaviour, with real ansible-playbook against the simulator."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from lifetime_simulator import clock
from lifetime_simulator.profiles import PROFILES

from testlib.collection import REPO
from testlib.playbooks import recap

PROMOTE = REPO / "playbooks" / "promote.yml"
DEPLOY_TASK = "Deploy the applications to the target environment in one plan"
WAIT_TASK = "Wait for other deployments to the target environment to finish"
TWO_APPS = ["Customer Portal", "Mobile Banking"]


def task_outcome(run, name):
    """The first word of the result line of the task ``name`` (ok, changed, skipping, fatal), or None when it did not run."""
    parts = run.stdout.split("TASK [outsystems.lifetime.promote : %s]" % name)
    if len(parts) < 2:
        return None
    match = re.search(r"^(ok|changed|skipping|fatal|failed)\b", parts[1], re.MULTILINE)
    return match.group(1) if match else None


def writes(simulator):
    return [(r["method"], r["path"]) for r in simulator.requests() if r["method"] in ("POST", "PUT", "DELETE")]


def running(simulator, env, apps):
    return {app: simulator.state.running_version(env, app) for app in apps}


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# -- two-step deployments -------------------------------------------------------------------


def test_two_step_stop_then_continue_the_same_plan(playbook, simulator):
    simulator.set_scenario("two_step")
    stopped = playbook(PROMOTE, extra_vars={"applications": TWO_APPS, "two_step": "stop", "name_versions": True})
    assert stopped.returncode == 0, stopped
    assert task_outcome(stopped, DEPLOY_TASK) == "changed", stopped
    assert recap(stopped)["changed"] >= 1
    [plan] = simulator.state.deployments
    assert (plan.status, plan.info) == ("needs_user_intervention", "deployment_prepared")
    assert "Development -> Test: needs_user_intervention (plan %s)" % plan.key in stopped.stdout, stopped
    assert "promote_two_step: continue" in stopped.stdout, "the summary says how to finish"
    assert "prepared Customer Portal: 1.1.0 -> 1.2.0" in stopped.stdout, stopped
    assert "deployed Customer Portal" not in stopped.stdout
    assert running(simulator, "Test", TWO_APPS) == {"Customer Portal": "1.1.0", "Mobile Banking": "3.0.0"}

    simulator.clear_requests()
    # The prepared plan is this promotion's own: waiting for other plans does not wait for it.
    finished = playbook(PROMOTE, extra_vars={"applications": TWO_APPS, "two_step": "continue", "wait_for_other_plans": True, "name_versions": True,
                                             "wait_for_other_plans_timeout": 2, "wait_for_other_plans_delay": 1})
    assert finished.returncode == 0, finished
    assert task_outcome(finished, DEPLOY_TASK) == "changed", finished
    assert [p.key for p in simulator.state.deployments] == [plan.key], "the prepared plan is continued, no second plan"
    assert plan.status == "finished_successful"
    assert writes(simulator) == [("POST", "/lifetimeapi/rest/v2/deployments/%s/continue/" % plan.key)], simulator.requests()
    assert "Development -> Test: finished_successful (plan %s)" % plan.key in finished.stdout
    assert "deployed Customer Portal: 1.1.0 -> 1.2.0" in finished.stdout
    assert running(simulator, "Test", TWO_APPS) == {"Customer Portal": "1.2.0", "Mobile Banking": "3.1.0"}


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_two_step_continue_in_one_go(playbook, simulator, profile):
    simulator.set_profile(profile)
    simulator.set_scenario("two_step")
    run = playbook(PROMOTE, extra_vars={"applications": TWO_APPS})
    assert run.returncode == 0, run
    [plan] = simulator.state.deployments
    assert plan.status == "finished_successful"
    commands = [path.rstrip("/").rsplit("/", 1)[-1] for method, path in writes(simulator)]
    assert commands == ["deployments", "start", "continue"], simulator.requests()
    assert running(simulator, "Test", TWO_APPS) == {"Customer Portal": "1.2.0", "Mobile Banking": "3.1.0"}


# -- waiting for other plans to the target --------------------------------------------------


@pytest.fixture
def other_plan(simulator, run_module):
    """start(seconds): a plan deploying Mobile Banking to Test, started and running for ``seconds``."""
    before = simulator.state.deploy_seconds

    def start(seconds):
        simulator.state.deploy_seconds = seconds
        try:
            result = run_module("deployment", source_environment="Development", target_environment="Test",
                                applications=["Mobile Banking"], wait=False)
        finally:
            simulator.state.deploy_seconds = before
        assert result["status"] == "running", result
        simulator.clear_requests()
        return next(plan for plan in simulator.state.deployments if plan.key == result["key"])

    yield start
    simulator.state.deploy_seconds = before


def test_wait_for_other_plans_then_deploy(playbook, simulator, other_plan):
    """The other plan runs until the role has seen it running twice (so it waited, whatever the machine's speed); then
    the test finishes it, and the role deploys."""
    other = other_plan(600)
    status_path = "/deployments/%s/status/" % other.key
    with ThreadPoolExecutor(1) as pool:
        promotion = pool.submit(playbook, PROMOTE, extra_vars={"applications": ["Customer Portal"], "wait_for_other_plans": True,
                                                               "wait_for_other_plans_timeout": 120, "wait_for_other_plans_delay": 1})
        while not promotion.done() and len([r for r in simulator.requests() if r["path"].endswith(status_path)]) < 2:
            time.sleep(0.1)
        with simulator.state.lock:
            other.phase_end = clock.now()
        run = promotion.result()
    assert run.returncode == 0, run
    assert "FAILED - RETRYING: [localhost]: " + WAIT_TASK in run.stdout, "the role waited"
    assert other.status == "finished_successful"
    [mine] = [plan for plan in simulator.state.deployments if plan.key != other.key]
    assert mine.status == "finished_successful"
    other_finished = instant(other.log[-1]["Instant"])
    assert mine.started_on >= other_finished, "started only after the other plan finished"
    assert running(simulator, "Test", ["Customer Portal", "Mobile Banking"]) == {"Customer Portal": "1.2.0", "Mobile Banking": "3.1.0"}


def test_wait_for_other_plans_times_out_and_creates_nothing(playbook, simulator, other_plan):
    other = other_plan(60)
    run = playbook(PROMOTE, extra_vars={"applications": ["Customer Portal", "Inventory"], "tag_modified": True,
                                        "wait_for_other_plans": True, "wait_for_other_plans_timeout": 3,
                                        "wait_for_other_plans_delay": 1})
    assert run.returncode != 0, run
    assert other.key in run.stdout, run
    assert "3 seconds" in run.stdout and "promote_wait_for_other_plans_timeout" in run.stdout, run
    assert "unknown error" not in run.stdout.lower()
    assert simulator.mutating_requests() == [], "no tag, no plan"
    assert [plan.key for plan in simulator.state.deployments] == [other.key]
    assert other.status == "running"
    assert running(simulator, "Test", ["Customer Portal", "Inventory"]) == {"Customer Portal": "1.1.0", "Inventory": "1.0.0"}


# -- check mode -----------------------------------------------------------------------------


@pytest.mark.parametrize("tag_modified", [False, True])
def test_check_mode_then_real_run_then_no_change(playbook, simulator, tag_modified):
    extra = {"applications": ["Customer Portal", "Orders", "Mobile Banking"], "tag_modified": tag_modified, "name_versions": True}
    expected = {"Customer Portal": "1.2.1" if tag_modified else "1.2.0", "Orders": "2.1.0", "Mobile Banking": "3.1.0"}
    check = playbook(PROMOTE, check=True, extra_vars=extra)
    assert check.returncode == 0, check
    assert writes(simulator) == [], simulator.requests()
    assert simulator.state.deployments == []
    assert task_outcome(check, DEPLOY_TASK) == "changed", check
    assert "Development -> Test: check mode, nothing changed" in check.stdout, check
    assert "would deploy Customer Portal: 1.1.0 -> %s" % expected["Customer Portal"] in check.stdout, check
    assert "would deploy Mobile Banking: 3.0.0 -> 3.1.0" in check.stdout
    assert "already in Test: Orders" in check.stdout  # its version is named only where LifeTime sends labels
    assert running(simulator, "Test", expected) == {"Customer Portal": "1.1.0", "Orders": "2.1.0", "Mobile Banking": "3.0.0"}

    real = playbook(PROMOTE, extra_vars=extra)
    assert real.returncode == 0, real
    assert task_outcome(real, DEPLOY_TASK) == "changed", real
    assert "deployed Customer Portal: 1.1.0 -> %s" % expected["Customer Portal"] in real.stdout
    assert running(simulator, "Test", expected) == expected
    assert len(simulator.state.deployments) == 1

    simulator.clear_requests()
    again = playbook(PROMOTE, extra_vars=extra)
    assert again.returncode == 0, again
    assert recap(again)["changed"] == 0, again
    assert writes(simulator) == []
    assert len(simulator.state.deployments) == 1
