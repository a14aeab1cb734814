"""outsystems.lifetime.application_info against the simulator, answering as LifeTime's documentation shows."""

import pytest


def app_list_queries(simulator):
    return [r["query"] for r in simulator.requests() if r["path"].rstrip("/").endswith("/applications")]


def version_lists(simulator):
    return [r["path"] for r in simulator.requests() if r["path"].rstrip("/").endswith("/versions")]


def test_modules_alone_sends_env_status_too(simulator, run_module):
    """LifeTime answers 400 to IncludeModules without IncludeEnvStatus on the application list."""
    result = run_module("application_info", application="Customer Portal", modules=True)
    assert not result.get("failed"), result
    [query] = app_list_queries(simulator)
    assert query.get("IncludeModules") in ("true", ["true"]) and query.get("IncludeEnvStatus") in ("true", ["true"])
    statuses = result["applications"][0]["app_status_in_envs"]
    assert statuses and all(status["module_status_in_envs"] for status in statuses)


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_running_version_named_with_or_without_labels(simulator, run_module, profile):
    """The documented status names the version by key only: the label comes from one versions read per application."""
    simulator.set_profile(profile)
    result = run_module("application_info", environment="Production")
    running = dict((app["name"], (app["running_version"], app["running_version_key"])) for app in result["applications"])
    assert running["Orders"][0] == "2.0.0" and running["Customer Portal"][0] == "1.0.0"
    for name, (label, key) in running.items():
        assert key == simulator.state.find_app(name).version_by_label(label).key
    assert len(version_lists(simulator)) == (0 if profile == "swagger" else len(running))


def test_catalog_reads_no_labels_unless_asked(simulator, run_module):
    plain = run_module("application_info", env_status=True)
    assert version_lists(simulator) == []
    orders = next(app for app in plain["applications"] if app["name"] == "Orders")
    assert all(status["base_application_version_key"] and not status.get("base_application_version_label")
               for status in orders["app_status_in_envs"])
    simulator.clear_requests()
    named = run_module("application_info", version_labels=True, application="Orders")
    assert [s["base_application_version_label"] for s in named["applications"][0]["app_status_in_envs"]] == ["2.1.0", "2.1.0", "2.0.0"]
    assert len(version_lists(simulator)) == 1, "only the application asked for has its versions read"


def test_documented_status_shapes(simulator, run_module):
    """IsModifiedReason Module_Modified, ConsistencyStatus "", ConsistencyStatusMessages a text, DeploymentZoneKey ""."""
    result = run_module("application_info", application="Customer Portal", environment="Development")
    app = result["applications"][0]
    [status] = app["app_status_in_envs"]
    assert (status["is_modified"], status["is_modified_reason"]) == (True, "Module_Modified")
    assert status["consistency_status"] == "" and status["consistency_status_messages"] == ""
    assert status["deployment_zone_key"] == ""
    assert app["url_path"] == "/CustomerPortal" and app["icon_url"].startswith("/")
    assert "details_url" not in app
