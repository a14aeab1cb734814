"""api_conformance_info: a shapes-only report that finds where a server differs from the documentation."""

import copy
import json

import pytest

from replay.flows import body_of
from replay.server import ReplayServer
from testlib.modules import run_module

from ansible_collections.outsystems.lifetime.plugins.module_utils import conformance_expectations, deployments

try:
    from lifetime_simulator.profiles import PROFILES
except ImportError:  # before the simulator had profiles
    PROFILES = {"documented": {}}

TOKEN = "replay-token"
DEV = "f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e"
BACKOFFICE = "c9a7a82e-0eee-4a3d-8e22-2a19c69c766f"
MAPS = "8c9101e2-5ed7-4f20-96a0-e23b435be4d1"
PLAN = "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1"


def test_the_expectations_are_generated_from_the_current_contract():
    from contract.make_conformance_expectations import TARGET, render  # pylint: disable=import-outside-toplevel

    assert TARGET.read_text(encoding="utf-8") == render(), "run tests/contract/make_conformance_expectations.py"
    # the documented not-started plan (deploy-get-plan, infra-binary-get-plan)
    assert conformance_expectations.DOCUMENTED["GET /deployments/{DeploymentKey}/"]["Deployment"]["StartedOn"] == "null-date"


def secrets_of(simulator):
    """Every name, key, host name and user name the simulator holds: none may be in a report."""
    state = simulator.state
    words = set()
    for env in state.envs.values():
        words.update([env.key, env.name, env.host])
    for app in state.apps.values():
        words.update([app.key, app.name] + [version.key for version in app.versions])
    for module in state.modules.values():
        words.update([module.key, module.name])
    for user in state.users.values():
        words.update([user.key, user.username, user.name])
    words.update(plan.key for plan in state.plans.values())
    words.add(simulator.host)
    return sorted(word for word in words if word and len(word) > 3)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_reads_every_kind_once_and_reports_shapes_only(simulator, run_module, profile, monkeypatch):  # pylint: disable=redefined-outer-name
    monkeypatch.setattr(deployments, "FIRST_POLL", 0.1, raising=False)
    monkeypatch.setattr(deployments, "LONGEST_POLL", 0.3, raising=False)
    if hasattr(simulator, "set_profile"):
        simulator.set_profile(profile)
    plan = run_module("deployment", source_environment="Development", target_environment="Test", applications=["Customer Portal"])
    assert not plan.get("failed"), plan
    simulator.clear_requests()

    result = run_module("api_conformance_info", check_mode=True)

    assert not result.get("failed"), result
    assert result["changed"] is False and simulator.mutating_requests() == []
    calls = [call["call"] for call in result["calls"]]
    for wanted in ("GET /environments/", "GET /applications/", "GET /modules/", "GET /roles/", "GET /deployments/",
                   "GET /deployments/{DeploymentKey}/", "GET /deployments/{DeploymentKey}/status/",
                   "GET /applications/{ApplicationKey}/versions/", "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/"):
        assert calls.count(wanted) == 1, (wanted, calls)
    assert len(simulator.requests()) == len(calls)
    assert all(call["status"] < 300 for call in result["calls"]), result["calls"]
    text = json.dumps({"summary": result["summary"], "calls": result["calls"]})  # what the playbook writes
    leaked = [word for word in secrets_of(simulator) if word in text]
    assert not leaked, "the report names %s" % leaked
    summary = result["summary"]
    assert summary["calls"] == len(calls)
    assert summary["with_differences"] == sum(1 for call in result["calls"] if call["differences"])
    differing = dict((call["call"], call["differences"]) for call in result["calls"] if call["differences"])
    assert summary["with_problems"] == 0, result["calls"]
    if PROFILES[profile].get("log_type") or PROFILES[profile].get("details_url"):
        # the swagger-only fields are planted differences the report must name
        assert "$.DeploymentLog[].Type: not documented (got string)" in differing["GET /deployments/{DeploymentKey}/status/"]
        assert "$[].DetailsURL: not documented (got string)" in differing["GET /environments/"]
        assert "$.AppStatusInEnvs[].BaseApplicationVersionLabel: not documented (got string)" in differing[
            "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/"]
    else:
        assert differing == {}, "the simulator answers like the documentation on profile %s" % profile


def replay_steps():
    """One documented answer per call api_conformance_info makes (paths keyed the way it will ask them)."""
    plan = body_of("deploy-get-plan")
    return [
        {"exchange": "deploy-env-list", "method": "GET", "path": "/environments/", "body": body_of("deploy-env-list")},
        {"exchange": "deploy-app-list-envstatus", "method": "GET", "path": "/applications/", "body": body_of("deploy-app-list-envstatus")},
        {"exchange": "srccode2-module-list", "method": "GET", "path": "/modules/", "body": body_of("srccode2-module-list")},
        {"exchange": "regenv-roles", "method": "GET", "path": "/roles", "body": body_of("regenv-roles")},
        {"added": "the plans list: deploy-get-plan's plan", "method": "GET", "path": "/deployments/", "body": [plan["Deployment"]]},
        {"exchange": "infra-oap-env-apps", "method": "GET", "path": "/environments/%s/applications/" % DEV, "body": body_of("infra-oap-env-apps")},
        {"exchange": "newver-env-app-detail", "method": "GET", "path": "/environments/%s/applications/%s/" % (DEV, MAPS),
         "body": body_of("newver-env-app-detail")},
        {"exchange": "rollback-app-versions", "method": "GET", "path": "/applications/%s/versions/" % BACKOFFICE,
         "body": body_of("rollback-app-versions")},
        {"exchange": "deploy-get-plan", "method": "GET", "path": "/deployments/%s/" % PLAN, "body": plan},
        {"exchange": "deploy-status", "method": "GET", "path": "/deployments/%s/status/" % PLAN, "body": body_of("deploy-status")},
    ]


def conformance_of(steps):
    with ReplayServer(steps, token=TOKEN) as server:
        result = run_module("api_conformance_info", {"lifetime_url": server.url, "lifetime_token": TOKEN, "retries": 0})
    assert not result.get("failed"), result
    return dict((call["call"], call) for call in result["calls"])


def test_the_documented_answers_replayed_are_as_documented():
    calls = conformance_of(replay_steps())
    for name, call in calls.items():
        if call["status"] == 404:  # a call the documentation does not show: the replay does not answer it
            assert not call["documented"] or name == "GET /applications/{ApplicationKey}/", call
            continue
        assert call["differences"] == [] and call["problems"] == [], call
    assert sum(1 for call in calls.values() if call["documented"] and call["status"] == 200) == 9


def test_planted_differences_are_found():
    steps = replay_steps()
    for step in steps:
        body = step["body"]
        if step["path"] == "/environments/":  # a relied-on field dropped
            for record in body:
                del record["Order"]
        if step["path"] == "/deployments/%s/" % PLAN:  # the null date with a zone
            body["Deployment"]["StartedOn"] = "1900-01-01T00:00:00Z"
        if step["path"] == "/deployments/%s/status/" % PLAN:  # the swagger-only Type, a date with offset, IsModified as text
            body["DeploymentLog"] = [dict(entry, Type="Info", Instant=entry["Instant"].replace("Z", "+00:00")) for entry in body["DeploymentLog"]]
        if step["path"] == "/environments/%s/applications/%s/" % (DEV, MAPS):
            body["AppStatusInEnvs"][0]["IsModified"] = "true"
            del body["AppStatusInEnvs"][0]["ConsistencyStatusMessages"]
    calls = conformance_of(copy.deepcopy(steps))
    assert "$[].Order: missing (this collection reads it)" in calls["GET /environments/"]["problems"]
    assert "$[].Order: missing (documented as integer)" in calls["GET /environments/"]["differences"]
    plan = calls["GET /deployments/{DeploymentKey}/"]
    assert any(line.startswith("$.Deployment.StartedOn: date(null date with a zone)") for line in plan["problems"]), plan
    status = calls["GET /deployments/{DeploymentKey}/status/"]
    assert "$.DeploymentLog[].Type: not documented (got string)" in status["differences"]
    assert any(line.startswith("$.DeploymentLog[].Instant: date(zone offset)") for line in status["problems"]), status
    running = calls["GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/"]
    assert "$.AppStatusInEnvs[].IsModified: string where this collection expects boolean" in running["problems"], running
    assert "$.AppStatusInEnvs[].ConsistencyStatusMessages: missing (documented as string)" in running["differences"], running
