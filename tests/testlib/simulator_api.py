"""A tiny HTTP client for the simulator's own tests, and the token their simulators accept.

Test modules import it from here (not from a conftest: several conftest modules share that name, and which one an
import finds depends on what else the run collects).
"""
import requests

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
