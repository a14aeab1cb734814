"""Faults on the simulator: 5xx bursts, 429 with Retry-After, a slow server, an expired token,
connection refused, and a deployment that finishes with errors."""

import socket
import time

import pytest

from .conftest import plan_posts

APPS = ["Customer Portal", "Mobile Banking"]


def promote(run, **args):
    merged = dict(source_environment="Development", target_environment="Test", applications=APPS, retries=3)
    merged.update(args)
    return run("deployment", **merged)


def statuses(simulator):
    return [(entry["method"], entry["status"]) for entry in simulator.requests()]


# -- 5xx bursts ---------------------------------------------------------------------------------

def test_read_retried_through_a_5xx_burst(run, simulator, fast_backoff):
    simulator.set_scenario("http_5xx", status=503, count=2, methods="GET")
    result = run("environment_info", retries=3)
    assert not result.get("failed"), result
    assert {env["name"] for env in result["environments"]} >= {"Development", "Test", "Production"}
    assert statuses(simulator)[:3] == [("GET", 503), ("GET", 503), ("GET", 200)]


def test_read_fails_clearly_when_the_burst_outlasts_the_retries(run, simulator, fast_backoff):
    simulator.set_scenario("http_5xx", status=502, count=5, methods="GET")
    result = run("environment_info", retries=1)
    assert result.get("failed")
    assert "502" in result["msg"] and "environments" in result["msg"]
    assert len(simulator.requests()) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_promotion_succeeds_through_5xx_on_reads_with_one_plan(run, simulator, fast_polling, fast_backoff, status):
    simulator.set_scenario("http_5xx", status=status, count=3, methods="GET")
    result = promote(run)
    assert not result.get("failed"), result
    assert result["status"] == "finished_successful"
    assert [entry["status"] for entry in simulator.requests()].count(status) == 3
    assert len(plan_posts(simulator)) == 1
    assert len(simulator.state.deployments) == 1
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"


def test_5xx_on_plan_creation_is_not_blindly_retried_and_a_rerun_creates_one_plan(run, simulator, fast_polling):
    """A POST answered 503 may have been applied on a real server: the task fails instead of posting again."""
    simulator.set_scenario("http_5xx", status=503, count=1, methods="POST", path_contains="/deployments")
    failed = promote(run)
    assert failed.get("failed") and "503" in failed["msg"] and "/deployments" in failed["msg"]
    assert len(plan_posts(simulator)) == 1 and simulator.state.deployments == []
    rerun = promote(run)
    assert not rerun.get("failed"), rerun
    assert len(plan_posts(simulator)) == 2
    assert len(simulator.state.deployments) == 1


def test_5xx_burst_on_every_method_during_a_promotion_leaves_at_most_one_plan(run, simulator, fast_polling, fast_backoff):
    simulator.set_scenario("http_5xx", status=503, count=4, methods="GET|POST")
    result = promote(run)
    if result.get("failed"):
        result = promote(run)
    assert not result.get("failed"), result
    assert len(simulator.state.deployments) == 1
    assert len([entry for entry in plan_posts(simulator) if entry["status"] < 300]) == 1


# -- 429 ----------------------------------------------------------------------------------------

def test_rate_limit_retry_after_is_honoured(run, simulator):
    simulator.set_scenario("rate_limit", count=1, retry_after=2)
    result = run("environment_info", retries=2)
    assert not result.get("failed"), result
    log = simulator.requests()
    assert [entry["status"] for entry in log[:2]] == [429, 200]
    gap = log[1]["time"] - log[0]["time"]
    assert gap >= 2.0, "second request %.2f s after the 429, Retry-After was 2" % gap


def test_rate_limited_post_is_retried_once_and_creates_one_plan(run, simulator, fast_polling):
    simulator.set_scenario("rate_limit", count=1, retry_after=1, methods="POST", path_contains="/deployments")
    result = promote(run)
    assert not result.get("failed"), result
    posts = plan_posts(simulator)
    assert [entry["status"] for entry in posts] == [429, 201]
    assert posts[1]["time"] - posts[0]["time"] >= 1.0
    assert len(simulator.state.deployments) == 1


# -- slow server --------------------------------------------------------------------------------

def test_slow_server_timeout_is_honoured_with_a_clear_error(run, simulator):
    delay = 1.5
    simulator.set_scenario("slow", seconds=delay, count=1)
    started = time.monotonic()
    result = run("environment_info", timeout=0.5, retries=0)
    elapsed = time.monotonic() - started
    time.sleep(max(0.0, delay - elapsed) + 0.3)  # let the delayed request finish before the next test
    assert result.get("failed")
    assert "timeout of 0.5 seconds" in result["msg"] and "timeout" in result["msg"]
    assert simulator.root_url in result["msg"]
    assert elapsed < delay, "the module waited %.2f s, longer than the server's delay: timeout not honoured" % elapsed


# -- expired token ------------------------------------------------------------------------------

def test_expired_token_fails_once_saying_to_renew_it(run, simulator):
    simulator.set_scenario("expired_token")
    result = run("application_info", retries=3)
    assert result.get("failed")
    assert "renew" in result["msg"].lower() and "401" in result["msg"]
    assert len(simulator.requests()) == 1, "no retry storm on 401"


def test_expired_token_during_a_promotion_sends_one_request(run, simulator):
    simulator.set_scenario("expired_token")
    result = promote(run)
    assert result.get("failed") and "renew" in result["msg"].lower()
    assert len(simulator.requests()) == 1 and simulator.state.deployments == []


# -- connection refused -------------------------------------------------------------------------

def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_connection_refused_names_the_url(run, simulator):
    url = "http://127.0.0.1:%d" % closed_port()
    started = time.monotonic()
    result = run("environment_info", lifetime_url=url, retries=1)
    assert result.get("failed")
    assert url in result["msg"] and "Connection refused" in result["msg"]
    assert time.monotonic() - started < 5
    assert simulator.requests() == []


# -- finished_with_errors -----------------------------------------------------------------------

def test_finished_with_errors_fails_with_the_deployment_log(run, simulator, fast_polling):
    simulator.set_scenario("finished_with_errors")
    result = promote(run)
    assert result.get("failed")
    assert "finished_with_errors" in result["msg"]
    assert "error publishing module" in result["msg"]
    assert len(plan_posts(simulator)) == 1
    assert simulator.state.running_version("Test", "Customer Portal") == "1.1.0"
