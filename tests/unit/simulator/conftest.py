"""Fixtures for the LifeTime simulator tests."""
import sys
from pathlib import Path

import pytest
import requests

TESTS_DIR = Path(__file__).resolve().parents[2]
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from lifetime_simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position

TOKEN = "test-token"


class Api:
    """Tiny client for tests: paths are relative to the API base URL."""

    def __init__(self, sim, token=TOKEN):
        self.sim = sim
        self.base = sim.base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + token

    def url(self, path):
        return self.base + path

    def get(self, path, **kwargs):
        return self.session.get(self.url(path), timeout=10, **kwargs)

    def post(self, path, **kwargs):
        return self.session.post(self.url(path), timeout=10, **kwargs)

    def put(self, path, **kwargs):
        return self.session.put(self.url(path), timeout=10, **kwargs)

    def delete(self, path, **kwargs):
        return self.session.delete(self.url(path), timeout=10, **kwargs)

    def env_key(self, name):
        return self.sim.state.find_env(name).key

    def app_key(self, name):
        return self.sim.state.find_app(name).key

    def version_key(self, app_name, label):
        return self.sim.state.find_app(app_name).version_by_label(label).key


@pytest.fixture
def sim():
    simulator = Simulator(token=TOKEN, deploy_seconds=0.3, tag_delay_seconds=0.2)
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def api(sim):
    return Api(sim)
