"""Fixtures of the reliability suite, on top of tests/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def no_real_waiting(virtual_clock):
    """Every test here runs on the virtual clock: no deployment or poll takes real time."""


def mutating(simulator):
    """(method, path) of every POST/PUT/DELETE the simulator received."""
    return [(entry["method"], entry["path"]) for entry in simulator.mutating_requests()]


def plan_posts(simulator):
    """The POST /deployments/ requests (plan creations, answered or not)."""
    return [entry for entry in simulator.requests()
            if entry["method"] == "POST" and entry["path"].rstrip("/").endswith("/deployments")]
