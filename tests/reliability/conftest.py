"""Fixtures of the reliability suite, on top of tests/conftest.py."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments
from testlib.modules import run_module as run_in_process


@pytest.fixture
def run(connection):
    """run(module, check_mode=False, diff=False, **args) -> result; accepts options called 'name' (unlike run_module)."""
    def runner(module, check_mode=False, diff=False, **args):
        merged = dict(connection)
        merged.update(args)
        return run_in_process(module, merged, check_mode=check_mode, diff=diff)
    return runner


@pytest.fixture
def fast_polling(monkeypatch):
    """In-process deployments poll every 0.1-0.3 s instead of 1-15 s."""
    monkeypatch.setattr(deployments, "FIRST_POLL", 0.1)
    monkeypatch.setattr(deployments, "LONGEST_POLL", 0.3)


@pytest.fixture
def fast_backoff(monkeypatch):
    """Retry back-off of 1/20 of the usual (Retry-After is still honoured as sent)."""
    from ansible_collections.outsystems.lifetime.plugins.module_utils import client
    monkeypatch.setattr(client.random, "uniform", lambda low, high: high / 20.0)


def mutating(simulator):
    """(method, path) of every POST/PUT/DELETE the simulator received."""
    return [(entry["method"], entry["path"]) for entry in simulator.mutating_requests()]


def plan_posts(simulator):
    """The POST /deployments/ requests (plan creations, answered or not)."""
    return [entry for entry in simulator.requests()
            if entry["method"] == "POST" and entry["path"].rstrip("/").endswith("/deployments")]
