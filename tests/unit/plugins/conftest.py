"""Fixtures of the in-process plugin tests, on top of tests/conftest.py."""

import pytest


@pytest.fixture(autouse=True)
def no_real_waiting(virtual_clock):
    """Every test here runs on the virtual clock: no deployment, tag or package build takes real time."""
