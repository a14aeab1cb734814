"""Fixtures of the in-process plugin tests, on top of tests/conftest.py.

Hypothesis (test_answers_property.py) keeps its caches in a temporary directory, not in the checkout.
Set here, before the test modules import hypothesis_jsonschema (whose import already builds strategies that cache).
"""

import tempfile

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))


# Test modules that install a clock of their own (around each Hypothesis example, with no simulator).
OWN_CLOCK = ("test_answers_property",)


@pytest.fixture(autouse=True)
def no_real_waiting(request):
    """Every test here runs on the virtual clock: no deployment, tag or package build takes real time."""
    if request.module.__name__.rsplit(".", 1)[-1] not in OWN_CLOCK:
        request.getfixturevalue("virtual_clock")
