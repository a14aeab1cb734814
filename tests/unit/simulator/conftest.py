"""Fixtures for the LifeTime simulator tests."""
import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[2]
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from lifetime_simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position
from testlib.simulator_api import TOKEN, Api  # noqa: E402  pylint: disable=wrong-import-position


@pytest.fixture
def sim():
    simulator = Simulator(token=TOKEN, deploy_seconds=0.3, tag_delay_seconds=0.2)
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def api(sim):
    return Api(sim)
