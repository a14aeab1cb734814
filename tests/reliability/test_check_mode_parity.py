"""Check-mode parity for every module that changes state.

For each, one representative change: a check-mode run sends no POST/PUT/DELETE and reports the `changed` and
`diff` that the real run which follows reports; a third run then reports changed false with no mutating request.

`token` renews the service account token: an action, not a state, so every real run renews again and reports
changed true by design; it has only the first two steps (and its check mode returns no token).

Documented deviations, each asserted as exactly what it is (so that a change in either direction is seen):
- maintenance_mode: the API v2 cannot read the mode, so every run sets it and reports changed (module DOCUMENTATION).
- configuration_value: no API reads a configuration value back, so every run sends the value again (one PUT) and
  reports changed (module DOCUMENTATION).
- binary_deployment: LifeTime cannot tell what a package holds before it is uploaded, so the idempotent run uploads and
  then deletes the plan: changed false, exactly one POST and one DELETE, no plan left (module DOCUMENTATION).
- application, source_code, solution: the real diff's "after" also holds values only the server knows once the thing
  exists (the application's URL path and icon; the package's size and sha256, which need a POST to build it); check
  mode predicts every other field exactly. SERVER_ASSIGNED lists them.
- application_package, source_code, solution, application_matrix_report write files: their change is on disk
  (application_package downloads and application_matrix_report reads with GETs only).
- bdd_test_run changes no state: it runs tests (GETs to the BDD Framework) and writes a report, so it has no diff and
  every run is a new run; its check mode (nothing run, nothing written) is tested in tests/unit/plugins/modules/test_bdd_test_run.py.
"""

import copy
from pathlib import Path

import pytest

from lifetime_simulator.downloads import build_package

MODULES_DIR = Path(__file__).resolve().parents[2] / "plugins" / "modules"
ACTIONS = {"token"}  # always changed: excluded from the third step
ALWAYS_SETS = {"maintenance_mode"}  # cannot read the current mode: changed on every run
NO_READ_BACK = {"configuration_value"}  # no API reads the value: every run sends it again, changed
UPLOAD_THEN_DELETE = {"binary_deployment"}  # the idempotent run is POST (upload) + DELETE (the plan), changed false
WRITES_A_FILE = {"application_package", "source_code", "solution", "application_matrix_report"}
NO_STATE = {"bdd_test_run"}  # runs tests and writes a report: no state to predict (see the docstring)
SERVER_ASSIGNED = {
    "application": {"url_path", "icon_hash", "icon_url", "details_url", "is_system", "app_status_in_envs"},
    "source_code": {"size", "sha256"},
    "solution": {"size", "sha256"},
}

DB_PASSWORD = "Parity-Db-Pass-71"


def tmp_file(name):
    return lambda simulator, tmp_path: {"dest": str(tmp_path / name)}


def tmp_dir(simulator, tmp_path):
    return {"dest": str(tmp_path)}


def oap_package(simulator, tmp_path):
    app = simulator.state.find_app("Customer Portal")
    path = tmp_path / "CustomerPortal-1.2.0.oap"
    path.write_bytes(build_package(simulator.state, app, app.version_by_label("1.2.0")))
    return {"src": str(path)}


# module -> (arguments, setup giving extra arguments or None)
CHANGES = {
    "application": (dict(name="Claims", environment="Development", template="Reactive Web App", team="Backoffice",
                         description="Claims handling", color="0a7d3e"), None),
    "application_version": (dict(application="Customer Portal", environment="Development", change_log="Parity"), None),
    "application_package": (dict(application="Customer Portal", version="1.1.0"), tmp_file("portal.oap")),
    "application_matrix_report": (dict(generated="parity run"), lambda simulator, tmp_path: {"path": str(tmp_path / "report")}),
    "source_code": (dict(application="Customer Portal", environment="Development"), tmp_file("portal.zip")),
    "solution": (dict(environment="Test", applications=["Orders"]), tmp_dir),
    "deployment": (dict(source_environment="Development", target_environment="Test",
                        applications=["Customer Portal", "Mobile Banking"]), None),
    "binary_deployment": (dict(environment="Test"), oap_package),
    "user": (dict(username="carol", name="Carol Costa", email="carol@example.com", role="Tester", password="Parity-User-Pass-3",
                  application_roles=[{"application": "Orders", "role": "Developer"}]), None),
    "team": (dict(name="Payments", members=[{"user": "alice", "role": "Developer"}], applications=["Orders"]), None),
    "role": (dict(name="Release Manager", manage_teams=True,
                  environment_permissions=[{"environment": "Test", "permission_level": "Open and Debug Applications"}]), None),
    "environment": (dict(name="QA", address="https://qa.lifetime.example.com", lifetime_address="lifetime.example.com",
                         service_center_username="admin", service_center_password="Parity-SC-Pass-5"), None),
    "maintenance_mode": (dict(environment="Production", enabled=True, reason="Release 2.1"), None),
    "configuration_value": (dict(module="Orders", environment="Production", key="sp-pagesize", name="PageSize", type="site_property",
                                 value="50"), None),
    "content_security_policy": (dict(environment="Production", directives={"script_src": ["'self'", "https://cdn.example.com"]}), None),
    "db_connection": (dict(environment="Development", name="Reporting", provider="SqlServer",
                           connection_string="Server=reports;Database=R", user="report_reader", password=DB_PASSWORD), None),
    "blocked_ip": (dict(address="203.0.113.7", state="absent"), None),
    "token": (dict(duration=6), None),
}

INFO_MODULES = ["environment_info", "application_info", "application_version_info", "module_info", "deployment_info",
                "user_info", "team_info", "role_info", "db_connection_info", "api_conformance_info", "technical_debt_info",
                "promotion_plan_info", "rollback_plan_info", "test_endpoint_info", "application_dependency_info", "application_matrix_info"]
INFO_ARGS = {
    "application_version_info": dict(application="Customer Portal"),
    "module_info": dict(),
    "deployment_info": dict(),
    "db_connection_info": dict(environment="Development"),
    "promotion_plan_info": dict(source_environment="Development", target_environment="Test", tag_modified=True),
    "rollback_plan_info": dict(target_environment="Production", applications=[dict(name="Mobile Banking", version="3.0.0")]),
    # The simulator's AI Mentor Studio API (same server) and its credentials; the URL is filled in per run.
    "technical_debt_info": dict(applications=["Orders"], aims_api_key="demo-aims-key", aims_activation_code="demo-activation-code"),
    # The simulator's CI/CD Probe (same server); its address is filled in per run.
    "test_endpoint_info": dict(applications=["Orders"]),
    "application_dependency_info": dict(applications=["Orders", "Shared Components"], environment="Development"),
}


def normalized(diff):
    """The diff with the keys of records blanked: a record made in check mode has no key yet."""
    diff = copy.deepcopy(diff)

    def blank(value):
        if isinstance(value, dict):
            return dict((name, None if (name == "key" or name.endswith("_key")) else blank(item)) for name, item in value.items())
        if isinstance(value, list):
            return [blank(item) for item in value]
        return value
    return blank(diff)


def without_server_assigned(module, diff):
    """The real run's diff without the fields only the server can know (see SERVER_ASSIGNED)."""
    fields = SERVER_ASSIGNED.get(module)
    if not fields or not isinstance(diff, dict):
        return diff
    diff = copy.deepcopy(diff)
    after = diff.get("after")
    if isinstance(after, dict):
        diff["after"] = dict((name, value) for name, value in after.items() if name not in fields)
    return diff


def module_names():
    return sorted(path.stem for path in MODULES_DIR.glob("*.py") if path.stem != "__init__")


def test_the_table_covers_every_module_that_changes_state():
    changing = {name for name in module_names() if not name.endswith("_info")} - NO_STATE
    assert changing == set(CHANGES), "add a representative change for %s / drop %s" % (
        sorted(changing - set(CHANGES)), sorted(set(CHANGES) - changing))
    assert set(INFO_MODULES) == {name for name in module_names() if name.endswith("_info")}


@pytest.mark.parametrize("module", sorted(CHANGES))
def test_check_mode_predicts_the_real_run(run, simulator, fast_polling, tmp_path, module):
    args, setup = CHANGES[module]
    args = dict(args)
    if setup is not None:
        args.update(setup(simulator, tmp_path))
    simulator.clear_requests()

    checked = run(module, check_mode=True, diff=True, **args)
    assert not checked.get("failed"), checked
    assert simulator.mutating_requests() == [], "check mode of %s sent %s" % (module, simulator.mutating_requests())
    assert checked["changed"] is True

    real = run(module, diff=True, **args)
    assert not real.get("failed"), real
    assert real["changed"] is checked["changed"]
    assert real.get("diff") and checked.get("diff")
    assert normalized(without_server_assigned(module, real.get("diff"))) == normalized(checked.get("diff"))
    if module in WRITES_A_FILE:
        assert Path(real.get("path") or args.get("dest") or args["path"]).exists()
    else:
        assert simulator.mutating_requests(), "the real run of %s changed nothing" % module

    if module in ACTIONS:
        return
    simulator.clear_requests()
    again = run(module, diff=True, **args)
    assert not again.get("failed"), again
    if module in ALWAYS_SETS:
        assert again["changed"] is True and again["current_known"] is False
        return
    if module in NO_READ_BACK:
        assert again["changed"] is True and [entry["method"] for entry in simulator.mutating_requests()] == ["PUT"]
        return
    assert again["changed"] is False, again
    if module in UPLOAD_THEN_DELETE:
        assert [entry["method"] for entry in simulator.mutating_requests()] == ["POST", "DELETE"]
        assert [plan.status for plan in simulator.state.deployments] == ["finished_successful"]
        return
    assert simulator.mutating_requests() == []
    checked_again = run(module, check_mode=True, **args)
    assert checked_again["changed"] is False and simulator.mutating_requests() == []


@pytest.mark.parametrize("module", INFO_MODULES)
def test_info_module_in_check_mode_sends_nothing_that_changes(run, simulator, module):
    args = dict(INFO_ARGS.get(module, {}))
    if module == "technical_debt_info":
        args["aims_url"] = simulator.aims_url
    if module in ("test_endpoint_info", "application_dependency_info"):
        args["probe_url"] = simulator.root_url
    result = run(module, check_mode=True, **args)
    assert not result.get("failed"), result
    assert result["changed"] is False
    assert simulator.requests() and simulator.mutating_requests() == []
