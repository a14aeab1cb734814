"""Fixtures shared by every test: the simulator, in-process modules, real playbooks."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from testlib.collection import build_and_install, make_importable  # noqa: E402

make_importable()

TOKEN = "demo-token"
TESTS = Path(__file__).resolve().parent
# Tests that run ansible tooling in subprocesses but need no built collection (the others are found by fixture).
TOOL_FILES = ("quality/test_sanity.py", "quality/test_docs.py")
# The slowest tests (each over 40 s in a full run), started first so that no worker is left with one of them at the end
# while the others are idle (run.sh uses -n 4 --dist worksteal); then the rest in collection order.
FIRST = ("quality/test_sanity.py::test_ansible_test_sanity", "integration/test_docs_commands.py", "integration/test_summaries.py",
         "integration/test_examples.py", "integration/test_roles_molecule.py", "quality/test_sanity.py")


def pytest_configure(config):
    config.addinivalue_line("markers", "integration: runs ansible-playbook, ansible-test, molecule or another ansible tool in a "
                                       "subprocess (set by conftest: everything in tests/integration, the quality tools, and any "
                                       "test that uses the built collection); not in the fast tier")
    config.addinivalue_line("markers", "smoke: an integration test the fast tier runs all the same (one playbook from the built collection)")


def pytest_collection_modifyitems(config, items):
    def where(item):
        return Path(str(item.fspath)).resolve().relative_to(TESTS).as_posix()

    for item in items:
        if where(item).startswith("integration/") or where(item) in TOOL_FILES or "installed_collection" in item.fixturenames:
            item.add_marker(pytest.mark.integration)

    def rank(item):
        return next((index for index, first in enumerate(FIRST) if (where(item) + "::" + item.name).startswith(first)), len(FIRST))

    items.sort(key=rank)


@pytest.fixture(scope="session")
def simulator_server():
    """One simulator for the session (fast deployments); tests get it reset through ``simulator``."""
    from lifetime_simulator import Simulator

    server = Simulator(token=TOKEN, deploy_seconds=0.5)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def simulator(simulator_server):
    """The simulator with its seeded state, no scenario and an empty request log."""
    simulator_server.reset()
    simulator_server.clear_scenarios()
    simulator_server.clear_requests()
    return simulator_server


@pytest.fixture
def connection(simulator):
    """Connection options for a module run against the simulator (fast retries)."""
    return {"lifetime_url": simulator.root_url, "lifetime_token": TOKEN, "retries": 1, "timeout": 10}


@pytest.fixture
def run(connection):
    """run(module, check_mode=False, diff=False, **args) -> the result dict of the module run in-process against the simulator.

    ``module`` is positional only, so that options called ``name`` or ``module`` pass through ``args``.
    """
    from testlib.modules import run_module as run_in_process

    def runner(module, /, check_mode=False, diff=False, **args):
        merged = dict(connection)
        merged.update(args)
        return run_in_process(module, merged, check_mode=check_mode, diff=diff)

    return runner


@pytest.fixture
def run_module(run):
    """The same as ``run`` (the older name)."""
    return run


@pytest.fixture
def virtual_clock(monkeypatch):
    """The in-process simulator and the modules' waits run on a VirtualClock(real=True): pauses take no real time."""
    from testlib.clock import VirtualClock, run_on

    clock = VirtualClock(real=True)
    run_on(monkeypatch, clock)
    return clock


@pytest.fixture
def fast_polling(monkeypatch):
    """In-process deployments poll every 0.1-0.3 s instead of 2-15 s (fewer skipped states, exact timeouts)."""
    from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments

    monkeypatch.setattr(deployments, "FIRST_POLL", 0.1)
    monkeypatch.setattr(deployments, "LONGEST_POLL", 0.3)


class RecordedSleeps(list):
    """A sleep that records how long it was asked to wait instead of waiting."""

    def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def sleeps():
    """A sleep= for a client under test: each pause is recorded, none is taken."""
    return RecordedSleeps()


@pytest.fixture
def fast_backoff(monkeypatch):
    """Retry back-off of 1/20 of the usual (Retry-After is still honoured as sent)."""
    from ansible_collections.outsystems.lifetime.plugins.module_utils import client

    monkeypatch.setattr(client.random, "uniform", lambda low, high: high / 20.0)


@pytest.fixture(scope="session")
def installed_collection(tmp_path_factory):
    """The collection built with ansible-galaxy and installed into a fresh collections path."""
    collections, _tarball = build_and_install(tmp_path_factory.mktemp("galaxy"))
    return collections


@pytest.fixture
def playbook(installed_collection, simulator, tmp_path):
    """playbook(text_or_path, **kwargs) -> PlaybookRun, against the simulator with LIFETIME_* set."""
    from testlib.playbooks import run_playbook

    def runner(source, env=None, **kwargs):
        environment = {"LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": TOKEN}
        environment.update(env or {})
        return run_playbook(installed_collection, source, tmp_path, env=environment, **kwargs)

    return runner
