"""The documented flows replayed verbatim (tests/replay/server.py) through the matching modules, in-process.

Each flow of tests/replay/flows.py must end with the right result (keys, status, versions, warnings),
never a crash: this is the test that catches a module that only works with the simulator's answers
(e.g. `can't subtract offset-naive and offset-aware datetimes` on the documented not-started plan).
"""

import json

import pytest

from replay.flows import FLOWS, NEW_VERSION
from replay.server import ReplayServer
from testlib.modules import run_module

from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments, waiting

TOKEN = "replay-token"


@pytest.fixture(autouse=True)
def no_pauses(monkeypatch):
    """The replayed status is final at once: do not sleep between polls."""
    for owner, name in ((deployments, "sleep"), (waiting, "pause")):
        if hasattr(owner, name):
            monkeypatch.setattr(owner, name, lambda seconds: None)


def run_flow(name, tmp_path):
    flow = FLOWS[name]
    package = tmp_path / "app.oap"
    package.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # the binary page uploads a .oap; its bytes are not shown
    args = {}
    for option, value in flow["args"].items():
        if isinstance(value, str):
            value = value.replace("{package}", str(package)).replace("{dest}", str(tmp_path / "source.zip"))
        args[option] = value
    server = ReplayServer(flow["steps"], token=TOKEN)
    with server:
        args.update(lifetime_url=server.url, lifetime_token=TOKEN, retries=0, timeout=10)
        result = run_module(flow["module"], args)
    return flow, server, result


def check(flow, server, result):
    assert not result.get("failed"), "%s failed: %s\nunanswered: %s\nrequests: %s" % (
        flow["module"], result.get("msg"), server.unanswered, [(r["method"], r["path"], r.get("step")) for r in server.requests])
    assert "exception" not in result
    for key, value in flow["expect"].items():
        assert result.get(key) == value, (key, result.get(key), value, result)
    for method, path in flow.get("never", []):
        assert server.served(method, path) == 0, "%s %s was sent: the documented flow never sends it" % (method, path)
    answered = set(entry.get("step") for entry in server.requests)
    for step in flow["steps"]:
        assert (step.get("exchange") or step.get("added")) in answered, "the flow never reached %s" % (step.get("exchange") or step.get("added"))


def warning_texts(result):
    """The warnings' texts (ansible-core 2.19 gives each as a dict with its event)."""
    return [item if isinstance(item, str) else str((item.get("event") or {}).get("msg", item)) for item in result.get("warnings", [])]


MODIFIED = ("application 'EmployeeBackoffice' was modified in 'Development' after version 1.0 was tagged; version 1.0 is deployed, "
            "without those changes (tag a new version to deploy them).")


def deployed(result):
    return [(app["application_name"], app["to_version"], app["version_key"]) for app in result["applications_to_deploy"]]


def test_deploy_an_app(tmp_path):
    flow, server, result = run_flow("deploy", tmp_path)
    check(flow, server, result)
    assert deployed(result) == [("EmployeeBackoffice", "1.0", NEW_VERSION)]
    # deploy-status: 14 entries with only Instant and Message, fractions of 2 and 3 digits
    assert len(result["deployment_log"]) == 14 and all(set(entry) == {"instant", "message"} for entry in result["deployment_log"])
    # deploy-get-plan's not-started plan: StartedOn 1900-01-01T00:00:00 is "not set", never a date
    assert result["plan"]["started_on"] is None and result["plan"]["aborted_on"] is None
    assert result["durations"] == {"created_on": "2018-10-10T15:02:09Z", "started_on": "2018-10-10T15:36:11.797Z",
                                   "finished_on": "2018-10-10T15:37:18.08Z", "seconds": 66.3}
    assert warning_texts(result) == [MODIFIED]


def test_map_db_connections(tmp_path):
    flow, server, result = run_flow("mapdb", tmp_path)
    check(flow, server, result)
    sent = [entry for entry in server.requests if entry["method"] == "POST" and entry["path"].rstrip("/").endswith("/configuration")]
    assert len(sent) == 1
    # one entry per extension with both logical databases (the page sends one per logical database: LifeTime takes both forms)
    assert json.loads(sent[0]["body"]) == [{"ExtensionKey": "a6ada142-0cf1-49b6-a743-166dcffcc8f1", "DBMapping": [
        {"LogicalDatabaseName": "Ext", "DatabaseName": "ExtQA"}, {"LogicalDatabaseName": "Ext2", "DatabaseName": "Ext2QA"}]}]
    assert deployed(result) == [("EmployeeBackoffice", "1.0", NEW_VERSION)]
    assert warning_texts(result) == [MODIFIED]


def test_binary_deployment(tmp_path):
    flow, server, result = run_flow("binary", tmp_path)
    check(flow, server, result)
    # infra-binary-get-plan: ApplicationOperations [] and the app in ApplicationsToDeploy
    assert result["applications_to_deploy"] == [{"application_key": "8c9101e2-5ed7-4f20-96a0-e23b435be4d1",
                                                 "application_name": "Google Maps Web", "is_new": True}]
    assert result["plan"]["source_environment_key"] == "" and result["plan"]["application_operations"] == []
    assert len(result["deployment_log"]) == 4 and warning_texts(result) == []
    assert result["durations"]["seconds"] == 51.8  # 10:30:27.177Z (3 digits) to 10:31:19Z (none)


def test_tag_a_version(tmp_path):
    flow, server, result = run_flow("newver", tmp_path)
    check(flow, server, result)
    assert result.get("version") == "1.0", result


def test_request_application_source_code(tmp_path):
    flow, server, result = run_flow("srccode", tmp_path)
    check(flow, server, result)
    assert (tmp_path / "source.zip").read_bytes()[:2] == b"PK"
    fetched = [entry for entry in server.requests if entry["path"].startswith("/downloads/")]
    assert fetched, "the documented link was never fetched"


def test_request_module_source_code(tmp_path):
    flow, server, result = run_flow("srccode2", tmp_path)
    check(flow, server, result)
    assert (tmp_path / "source.zip").read_bytes()[:2] == b"PK"


def test_roll_back_a_mobile_app(tmp_path):
    flow, server, result = run_flow("rollback", tmp_path)
    check(flow, server, result)
    assert deployed(result) == [("Directory Mobile", "0.3", "fa5936cd-2625-43c6-bec7-de8ee90a4c71")]
    assert len(result["deployment_log"]) == len(FLOWS["rollback"]["steps"][-1]["body"]["DeploymentLog"]) and warning_texts(result) == []
    created = [json.loads(entry["body"]) for entry in server.requests if entry["method"] == "POST" and entry["path"].rstrip("/") == "/deployments"]
    assert created == [{"ApplicationOperations": [{"ApplicationVersionKey": "fa5936cd-2625-43c6-bec7-de8ee90a4c71", "DeploymentZoneKey": ""}],
                        "Notes": "", "SourceEnvironmentKey": "f5d16abb-612d-4fa5-a34e-4695e49678b2",
                        "TargetEnvironmentKey": "f78966c5-4c1f-4c35-9b3d-502b66943964"}]  # rollback-create's request


def test_block_an_app(tmp_path):
    flow, server, result = run_flow("block", tmp_path)
    check(flow, server, result)
    put = [entry for entry in server.requests if entry["method"] == "PUT"]
    assert len(put) == 1 and b'"isBlocked": true' in put[0]["body"], put


def test_every_step_is_a_documented_exchange_or_says_why_it_was_added():
    for name, flow in FLOWS.items():
        for step in flow["steps"]:
            assert step.get("exchange") or len(step.get("added") or "") > 20, (name, step)


def test_replay_refuses_calls_without_the_token_and_calls_off_the_flow():
    import requests

    with ReplayServer(FLOWS["deploy"]["steps"], token=TOKEN) as server:
        assert requests.get(server.url + "/lifetimeapi/rest/v2/environments/", timeout=5).status_code == 401
        headers = {"Authorization": "Bearer " + TOKEN}
        listed = requests.get(server.url + "/lifetimeapi/rest/v2/environments", headers=headers, timeout=5)
        assert listed.status_code == 200 and listed.json()[0]["Name"] == "Development"
        assert requests.get(server.url + "/lifetimeapi/rest/v2/roles/", headers=headers, timeout=5).status_code == 404
        created = requests.post(server.url + "/lifetimeapi/rest/v2/deployments/", headers=headers, timeout=5)
        assert created.headers["Content-Type"].startswith("text/plain") and created.text == "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1"
