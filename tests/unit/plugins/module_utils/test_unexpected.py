"""No traceback, ever: an unexpected error while reading an answer becomes a failure naming the request."""

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest
from ansible.module_utils._internal import _traceback

from replay.server import ReplayServer
from testlib.collection import TESTS, linked_collections_root
from testlib.modules import forget_warnings, patch_module_args

from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.unexpected import is_deliberate, unexpected_message
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import wait_for

TOKEN = "replay-token"
ENVIRONMENTS = [{"Key": "f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e", "Name": "Development"}]


def run_work(url, work):
    """Run ``work(module)`` through LifetimeModule.run as a module would; return the result dict."""
    args = {"lifetime_url": url, "lifetime_token": TOKEN, "retries": 0, "_ansible_check_mode": False, "_ansible_diff": False}
    output = io.StringIO()
    forget_warnings()
    with patch_module_args(args), contextlib.redirect_stdout(output):
        module = LifetimeModule(argument_spec={}, supports_check_mode=True)
        with pytest.raises(SystemExit):
            module.run(work)
    return json.loads(output.getvalue().strip().splitlines()[-1])


@pytest.fixture
def server():
    steps = [{"method": "GET", "path": "/environments/", "body": ENVIRONMENTS},
             {"method": "GET", "path": "/applications/", "body": [1, 2]}]
    with ReplayServer(steps, token=TOKEN) as replay:
        yield replay


def test_a_missing_field_names_the_request_and_the_field(server, monkeypatch):
    def work(module):
        module.client.get("environments/")[0]["OSVersion"]  # pylint: disable=expression-not-assigned

    result = run_work(server.url, work)
    assert result["failed"]
    assert "GET /environments/" in result["msg"] and "'OSVersion'" in result["msg"], result["msg"]
    assert "Traceback" not in json.dumps(result)  # without -vvv no traceback at all
    assert (result["method"], result["path"]) == ("GET", "/environments/")
    # with -vvv (ansible-core 2.19 captures tracebacks only then) it is in `exception`, never in msg
    monkeypatch.setattr(_traceback, "_is_traceback_enabled", lambda event: True)
    result = run_work(server.url, work)
    assert "Traceback" not in result["msg"] and "Traceback" in str(result["exception"])


def test_a_value_python_cannot_read_is_unexpected_but_a_deliberate_bad_value_is_told_as_is(server):
    def unreadable(module):
        int(module.client.get("environments/")[0]["Name"])

    result = run_work(server.url, unreadable)
    assert "GET /environments/" in result["msg"] and "ValueError" in result["msg"], result["msg"]

    def deliberate(module):
        wait_for(lambda: True, timeout=-1)  # the collection's own ValueError for a bad value

    result = run_work(server.url, deliberate)
    assert result["msg"] == "timeout must be 0 or more seconds, got -1"
    assert "exception" not in result


def test_an_error_before_any_request_says_so():
    assert "before any LifeTime request" in unexpected_message(TypeError("x"), None)
    try:
        int("x")
    except ValueError as exc:
        assert not is_deliberate(exc)


# The plugins run in a child Python: importing Ansible's controller code here would change how later
# in-process module runs report their warnings.
PLUGIN_RUN = """
import sys
from ansible.errors import AnsibleError
from ansible_collections.outsystems.lifetime.plugins.inventory.lifetime import InventoryModule
from ansible_collections.outsystems.lifetime.plugins.lookup.lifetime import LookupModule

options = {"lifetime_url": sys.argv[2], "lifetime_token": "%s", "retries": 0, "timeout": 5, "validate_certs": True, "ca_path": None,
           "proxy": None, "environment": None, "field": None, "deployment_zones": False}
plugin = LookupModule() if sys.argv[1] == "lookup" else InventoryModule()
plugin.set_options = lambda **kwargs: None
plugin.get_option = options.get
try:
    plugin.run(["application", "Orders"], variables={}) if sys.argv[1] == "lookup" else plugin._fetch()
except AnsibleError as exc:
    print(type(exc).__name__ + ": " + str(exc))
""" % TOKEN


def run_plugin(kind, url):
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(linked_collections_root()), str(TESTS)]))
    done = subprocess.run([sys.executable, "-c", PLUGIN_RUN, kind, url], capture_output=True, text=True, env=environment, timeout=60,
                          check=False)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.strip()


def test_the_lookup_fails_naming_the_request(server):
    said = run_plugin("lookup", server.url)
    assert said.startswith(("AnsibleLookupError: ", "AnsibleTemplatePluginError: ")) and "GET /applications/" in said, said


def test_the_inventory_fails_naming_the_request():
    broken = [{"Key": "a", "Name": "A", "Order": "x"}, {"Key": "b", "Name": "B", "Order": 1}]
    with ReplayServer([{"method": "GET", "path": "/environments/", "body": broken}], token=TOKEN) as replay:
        said = run_plugin("inventory", replay.url)
    assert said.startswith("AnsibleParserError: ") and "GET /environments/" in said, said
