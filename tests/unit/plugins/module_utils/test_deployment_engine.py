"""The deployment engine used directly, without an Ansible module: explicit inputs, one result, and time that comes
only from waiting.now()/waiting.pause(), so a test (or a role's plugin) can drive it."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils import waiting
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import LifetimeClient
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployment_task import DeploymentError, Options
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import Lookups
from ansible_collections.outsystems.lifetime.plugins.module_utils.plans import PlanTask

APPS = [dict(name="Customer Portal", version=None, deployment_zone=None)]


class SteppedClock:
    """A clock that moves only when the engine pauses."""

    def __init__(self):
        self.seconds = 0.0
        self.pauses = []

    def now(self):
        return self.seconds

    def pause(self, seconds):
        self.pauses.append(seconds)
        self.seconds += seconds


@pytest.fixture
def clock(monkeypatch):
    stepped = SteppedClock()
    monkeypatch.setattr(waiting, "now", stepped.now)
    monkeypatch.setattr(waiting, "pause", stepped.pause)
    return stepped


def task(simulator, check_mode=False, **options):
    client = LifetimeClient(simulator.root_url, "demo-token", timeout=30, retries=1)
    return PlanTask(client, Lookups(client), Options(**options), check_mode=check_mode)


@pytest.fixture
def long_deployments(simulator):
    """Deployments that take 10 minutes (the next test's simulator reset restores the time)."""
    simulator.state.deploy_seconds = 600
    return simulator


def test_every_wait_of_a_deployment_goes_through_the_injected_clock(simulator, clock, long_deployments):
    with pytest.raises(DeploymentError) as caught:
        task(simulator, wait_timeout=60).run("started", source_environment="Development", target_environment="Test", applications=APPS)
    assert "did not finish within wait_timeout (60 seconds)" in str(caught.value)
    # The plan really is still running: only the engine's (virtual) time passed, in pauses of 2 s growing to at most 15 s.
    result = caught.value.result
    assert result["key"] and result["started"] and result["status"] == "running"
    assert [plan.status for plan in simulator.state.deployments] == ["running"]
    assert sum(clock.pauses) == pytest.approx(60) and clock.pauses[0] == 2.0 and max(clock.pauses) <= 15.0
    assert result["applications_to_deploy"][0]["application_name"] == "Customer Portal" and result["skipped_applications"] == []


def test_options_are_explicit():
    with pytest.raises(TypeError, match="unknown deployment option"):
        Options(wait_timout=10)
    assert Options.from_params(dict(wait=False, state="started")).wait is False


def test_check_mode_predicts_without_a_mutating_request(simulator, clock):
    outcome = task(simulator, check_mode=True).run("started", source_environment="Development", target_environment="Test",
                                                   applications=APPS)
    assert outcome.changed and outcome.result["created"] and outcome.result["started"] is True
    assert outcome.after["status"] == "running" and outcome.before == {}
    assert simulator.mutating_requests() == [] and clock.pauses == []
