"""Two promotions to the same target at the same time, as two ansible-playbook processes."""

import re
import threading

from collections import Counter

from testlib.playbooks import run_playbook

from .conftest import plan_posts


PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - outsystems.lifetime.deployment:
        source_environment: Development
        target_environment: Test
        applications: {apps}
        wait_timeout: 120
      register: promoted
    - ansible.builtin.debug:
        msg: "PLAN={{{{ promoted.key }}}} STATUS={{{{ promoted.status }}}} {{{{ promoted.msg | default('') }}}}"
"""


def run_both(installed_collection, simulator, tmp_path, apps_a, apps_b):
    env = {"LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": "demo-token"}
    results = {}
    barrier = threading.Barrier(2)

    def one(name, apps):
        work = tmp_path / name
        work.mkdir()
        barrier.wait()
        results[name] = run_playbook(installed_collection, PLAY.format(apps=apps), work, env=env)

    threads = [threading.Thread(target=one, args=("a", apps_a)), threading.Thread(target=one, args=("b", apps_b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results["a"], results["b"]


def plan_key(run):
    """The plan the task reports; None when it found nothing left to deploy (the other run had deployed it)."""
    found = re.search(r"PLAN=([0-9a-f-]*) STATUS=(\S*)", run.stdout)
    assert found, run
    if not found.group(1):
        assert "nothing to deploy" in run.stdout or found.group(2) in ("", "None"), run
        return None
    assert found.group(2) == "finished_successful", run
    return found.group(1)


def operations(plan):
    return tuple(sorted(op["version_key"] for op in plan.operations))


def test_two_promotions_of_different_apps_to_the_same_target(installed_collection, simulator, tmp_path):
    first, second = run_both(installed_collection, simulator, tmp_path, ["Customer Portal"], ["Mobile Banking"])
    assert first.returncode == 0, first
    assert second.returncode == 0, second
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"
    plans = simulator.state.deployments
    assert sorted(plan.status for plan in plans) == ["finished_successful", "finished_successful"]
    assert max(Counter(operations(plan) for plan in plans).values()) == 1
    assert len([entry for entry in plan_posts(simulator) if entry["status"] < 300]) == 2
    assert {plan_key(first), plan_key(second)} == {plan.key for plan in plans}


def test_two_promotions_of_the_same_apps_to_the_same_target(installed_collection, simulator, tmp_path):
    apps = ["Customer Portal", "Mobile Banking"]
    first, second = run_both(installed_collection, simulator, tmp_path, apps, apps)
    for run in (first, second):
        assert run.returncode == 0, run.stdout[-3000:]
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"
    plans = simulator.state.deployments
    assert plans and all(plan.status == "finished_successful" for plan in plans), [p.status for p in plans]
    assert not [plan for plan in plans if plan.status == "saved"]
    # At most one plan per task; a second identical plan is only possible when both tasks created theirs before
    # either could see the other's (LifeTime itself allows that), and then both finish with the same versions.
    assert len(plans) <= 2
    reported = {plan_key(run) for run in (first, second)} - {None}
    assert reported <= {plan.key for plan in plans}
    assert len(reported) >= len(plans) >= 1, "a plan no task reports was left behind"


def test_adopted_plan_started_by_another_run_is_waited_for(run, simulator, fast_polling, monkeypatch):
    """The race the two-process test can hit, made deterministic.

    Run B creates a plan; run A finds it saved with the same operations and adopts it; B starts it; A's start is
    refused (400: its status is 'running'). A should then wait for the plan like any running one, not fail.
    """
    from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments
    from lifetime_simulator.lifecycle import start_plan

    args = dict(source_environment="Development", target_environment="Test", applications=["Customer Portal", "Mobile Banking"])
    saved = run("deployment", state="present", **args)  # run B's plan, not started yet
    assert saved["status"] == "saved"
    original = deployments.PlanRunner.start

    def other_run_starts_it_first(self, *a, **kw):
        with simulator.state.lock:
            start_plan(simulator.state, simulator.state.plans[self.key], redeploy_outdated=False)
        return original(self, *a, **kw)

    monkeypatch.setattr(deployments.PlanRunner, "start", other_run_starts_it_first)
    result = run("deployment", **args)  # run A
    assert not result.get("failed"), result
    assert result["status"] == "finished_successful" and result["key"] == saved["key"]
    assert len(simulator.state.deployments) == 1
