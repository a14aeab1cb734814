"""playbooks/conformance.yml with real ansible-playbook: read-only, a shapes-only report, planted differences found."""

import yaml

from replay.server import ReplayServer
from testlib.collection import REPO

PLAYBOOK = REPO / "playbooks" / "conformance.yml"
TOKEN = "replay-token"


def test_writes_a_shapes_only_report_and_changes_nothing(playbook, simulator, tmp_path):
    report = tmp_path / "conformance.yml"
    run = playbook(PLAYBOOK, extra_vars={"conformance_report": str(report)})
    assert run.returncode == 0, run
    assert simulator.mutating_requests() == []
    written = yaml.safe_load(report.read_text())
    assert written["summary"]["calls"] == len(written["calls"]) >= 10
    text = report.read_text()
    for word in ("Customer Portal", "Development", "lifetime.example.com", "127.0.0.1", "admin", "alice",
                 simulator.state.find_env("Production").key, simulator.state.find_app("Orders").key):
        assert word not in text, word
    assert "calls:" in run.stdout and "with differences" in run.stdout


def test_finds_a_planted_zoned_null_date_on_a_replayed_server(playbook, tmp_path, installed_collection):
    plan = {"Deployment": {"Key": "k", "SourceEnvironmentKey": "s", "TargetEnvironmentKey": "t", "StartedOn": "1900-01-01T00:00:00Z",
                           "ApplicationOperations": []}, "ApplicationsToRedeploy": [], "ApplicationConflicts": []}
    steps = [{"method": "GET", "path": "/environments/", "body": [{"Key": "e", "Name": "Development"}]},
             {"method": "GET", "path": "/deployments/", "body": [plan["Deployment"]]},
             {"method": "GET", "path": "/deployments/k/", "body": plan}]
    report = tmp_path / "conformance.yml"
    with ReplayServer(steps, token=TOKEN) as server:
        run = playbook(PLAYBOOK, extra_vars={"conformance_report": str(report)},
                       env={"LIFETIME_URL": server.url, "LIFETIME_TOKEN": TOKEN, "LIFETIME_RETRIES": "0"})
    assert run.returncode == 0, run
    calls = dict((call["call"], call) for call in yaml.safe_load(report.read_text())["calls"])
    assert any("date(null date with a zone)" in line for line in calls["GET /deployments/{DeploymentKey}/"]["problems"])
    assert "$[].Order: missing (this collection reads it)" in calls["GET /environments/"]["problems"]
    assert calls["GET /users/"]["status"] == 404
