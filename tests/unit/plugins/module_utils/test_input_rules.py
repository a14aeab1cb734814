"""One rule for each kind of input, and messages that name the cause and the fix (issue 14, items 8 and 10)."""

from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import client_from_options
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import not_found
from lifetime_simulator.model import AppVersion

TOKEN = "demo-token"


# -- connection: timeout, token, URL, TLS ------------------------------------------------------


def test_timeout_zero_is_refused_not_turned_into_30(simulator, run_module):
    result = run_module("environment_info", timeout=0)
    assert result.get("failed") and "timeout" in result["msg"] and "0" in result["msg"], result
    with pytest.raises(Exception) as raised:
        client_from_options({"lifetime_url": simulator.root_url, "lifetime_token": TOKEN, "timeout": 0})
    assert "timeout" in str(raised.value)
    assert simulator.requests() == []


@pytest.mark.parametrize("token", [None, "", "   "])
def test_missing_token_names_the_option_and_the_environment_variable(simulator, monkeypatch, token):
    from testlib.modules import run_module
    monkeypatch.delenv("LIFETIME_TOKEN", raising=False)
    args = {"lifetime_url": simulator.root_url}
    if token is not None:
        args["lifetime_token"] = token
    result = run_module("environment_info", args)
    assert result.get("failed"), result
    assert "lifetime_token" in result["msg"] and "LIFETIME_TOKEN" in result["msg"], result["msg"]
    assert simulator.requests() == []


def test_missing_url_names_the_option_and_the_environment_variable(simulator, monkeypatch):
    from testlib.modules import run_module
    monkeypatch.delenv("LIFETIME_URL", raising=False)
    result = run_module("environment_info", {"lifetime_token": TOKEN})
    assert result.get("failed") and "lifetime_url" in result["msg"] and "LIFETIME_URL" in result["msg"], result


def test_a_wrong_url_path_names_the_url_tried_and_lifetime_url(simulator, run_module):
    wrong = simulator.root_url + "/wrong/place"
    result = run_module("environment_info", lifetime_url=wrong)
    assert result.get("failed"), result
    message = result["msg"]
    assert "404" in message and "lifetime_url" in message, message
    assert wrong + "/lifetimeapi/rest/v2/environments/" in message, message
    assert ".." not in message, message


def test_an_html_404_from_a_web_server_names_the_url_and_lifetime_url():
    url = "https://www.example.com/lifetimeapi/rest/v2/environments/"
    error = LifetimeApiError.from_response("GET", "/environments/", 404, "<html><body>404 - File or directory not found.</body></html>", url=url)
    assert url in str(error) and "lifetime_url" in str(error) and ".." not in str(error), str(error)


def test_an_unknown_record_still_names_its_key_not_the_url(simulator):
    client = client_from_options({"lifetime_url": simulator.root_url, "lifetime_token": TOKEN, "retries": 0})
    key = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(LifetimeApiError) as raised:
        client.get("environments/%s/" % key)
    assert key in str(raised.value) and "lifetime_url" not in str(raised.value) and ".." not in str(raised.value)


def test_https_to_a_plain_http_server_says_to_use_http_or_ca_path(simulator, run_module):
    result = run_module("environment_info", lifetime_url=simulator.root_url.replace("http://", "https://"), retries=0)
    assert result.get("failed"), result
    message = result["msg"]
    assert "TLS" in message and "http://" in message and "ca_path" in message and "validate_certs" in message, message


# -- versions given as numbers, empty names --------------------------------------------------


@pytest.mark.parametrize("module, args, option", [
    ("application_version_info", dict(application="Orders", version=1.1), "version"),
    ("application_version_info", dict(application="Orders", version=2), "version"),
    ("application_package", dict(application="Orders", version=2.1, dest="/tmp/never-written.oap"), "version"),
    ("application_version", dict(application="Orders", environment="Development", version=2.2), "version"),
    ("application_version", dict(application="Orders", environment="Development",
                                 mobile_versions=[dict(native_platform="iOS", version_number=1.1)]), "mobile_versions[0].version_number"),
    ("deployment", dict(source_environment="Development", target_environment="Test",
                        applications=["Customer Portal", dict(name="Orders", version=2.1)]), "applications[1].version"),
])
def test_a_version_given_as_a_number_is_refused_with_quote_it(simulator, run_module, module, args, option):
    result = run_module(module, **args)
    assert result.get("failed"), result
    assert result["msg"].startswith(option + ":") and "quote" in result["msg"] and '"' in result["msg"], result["msg"]
    assert simulator.mutating_requests() == [] and simulator.requests() == []


def test_a_quoted_version_is_accepted(simulator, run_module):
    result = run_module("application_version_info", application="Orders", version="2.1.0")
    assert not result.get("failed"), result


# -- one list of an application's versions ---------------------------------------------------


def test_an_old_version_beyond_a_thousand_newer_ones_is_found_by_every_module(simulator, run_module):
    app = simulator.state.find_app("Orders")
    start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    old = AppVersion(app, "0.9.0", "the old one", start, [])
    app.versions.append(old)
    for number in range(1001):
        app.versions.append(AppVersion(app, "5.%d.0" % number, "newer", start + timedelta(days=1, seconds=number), []))
    info = run_module("application_version_info", application="Orders", version="0.9.0")
    assert not info.get("failed") and info["versions"][0]["version"] == "0.9.0", info
    check = run_module("deployment", source_environment="Development", target_environment="Test",
                       applications=[dict(name="Orders", version="0.9.0")], check_mode=True)
    assert not check.get("failed"), check
    assert [app["to_version"] for app in check["applications_to_deploy"]] == ["0.9.0"]
    assert simulator.mutating_requests() == []


# -- the message of several unknown applications is built from data ---------------------------


def test_several_unknown_applications_list_the_valid_names_and_hints(simulator, run_module):
    odd = "Orders not found. Shipping"
    result = run_module("deployment", source_environment="Development", target_environment="Test",
                        applications=[odd, "Custmer Portal"])
    assert result.get("failed"), result
    names = str(not_found("application", "x", [app.name for app in simulator.state.apps.values()]))
    valid = names[names.index("Valid application names"):]
    assert result["msg"].startswith("applications not found: '%s', 'Custmer Portal'. %s" % (odd, valid.split(" Did you mean", maxsplit=1)[0])), result["msg"]
    assert "'Custmer Portal': did you mean 'Customer Portal'?" in result["msg"], result["msg"]
    assert simulator.mutating_requests() == []


# -- the abort path handles its own timeout ---------------------------------------------------


def test_an_abort_that_does_not_settle_in_time_warns_instead_of_failing(simulator, run_module, fast_polling, monkeypatch):
    simulator.state.deploy_seconds = 30
    try:
        started = run_module("deployment", source_environment="Development", target_environment="Test",
                             applications=["Customer Portal"], wait=False)
        assert started["status"] == "running", started
        monkeypatch.setattr(deployments, "ABORT_WAIT", 0.05)
        aborted = run_module("deployment", state="aborted", key=started["key"])
    finally:
        simulator.state.deploy_seconds = 0.5
    assert not aborted.get("failed"), aborted
    assert aborted["changed"] and aborted["status"] == "aborting", aborted
    warnings = " ".join(str(item) for item in aborted.get("warnings", []))
    assert "asked to abort" in warnings and started["key"] in warnings, aborted
