"""No traceback, ever: an unexpected error while reading an answer becomes a failure naming the request."""

import contextlib
import io
import json

import pytest
from ansible.errors import AnsibleLookupError, AnsibleParserError
from ansible.module_utils._internal import _traceback

from replay.server import ReplayServer
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


def plugin_options(url, **more):
    options = {"lifetime_url": url, "lifetime_token": TOKEN, "retries": 0, "timeout": 5, "validate_certs": True, "ca_path": None,
               "proxy": None}
    options.update(more)
    return options.get


def test_the_lookup_fails_naming_the_request(server, monkeypatch):
    from ansible_collections.outsystems.lifetime.plugins.lookup.lifetime import LookupModule

    plugin = LookupModule()
    monkeypatch.setattr(plugin, "set_options", lambda **kwargs: None)
    monkeypatch.setattr(plugin, "get_option", plugin_options(server.url, environment=None, field=None))
    with pytest.raises(AnsibleLookupError) as failure:
        plugin.run(["application", "Orders"], variables={})
    assert "GET /applications/" in str(failure.value), str(failure.value)
    assert "Traceback" not in str(failure.value)


def test_the_inventory_fails_naming_the_request(monkeypatch):
    from ansible_collections.outsystems.lifetime.plugins.inventory.lifetime import InventoryModule

    with ReplayServer([{"method": "GET", "path": "/environments/", "body": [{"Key": "a", "Name": "A", "Order": "x"},
                                                                     {"Key": "b", "Name": "B", "Order": 1}]}],
                      token=TOKEN) as replay:
        plugin = InventoryModule()
        monkeypatch.setattr(plugin, "get_option", plugin_options(replay.url, deployment_zones=False))
        with pytest.raises(AnsibleParserError) as failure:
            plugin._fetch()  # pylint: disable=protected-access
        assert "GET /environments/" in str(failure.value), str(failure.value)
