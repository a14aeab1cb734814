"""binary_deployment against the simulator: upload as a stream, start, wait, idempotency, check mode."""

import pytest

from lifetime_simulator.downloads import build_package


pytestmark = pytest.mark.usefixtures("fast_polling")


@pytest.fixture
def package(simulator, tmp_path):
    app = simulator.state.find_app("Customer Portal")
    path = tmp_path / "CustomerPortal-1.2.0.oap"
    path.write_bytes(build_package(simulator.state, app, app.version_by_label("1.2.0")))
    return str(path)


def mutating(simulator):
    return [(r["method"], r["path"]) for r in simulator.mutating_requests()]


def test_deploys_package_then_second_run_leaves_nothing(simulator, run_module, package):
    check = run_module("binary_deployment", environment="Test", src=package, check_mode=True)
    assert check["changed"] and check["key"] == "" and mutating(simulator) == []
    assert len(check["sha256"]) == 64

    result = run_module("binary_deployment", environment="Test", src=package)
    assert not result.get("failed") and result["changed"], result
    assert result["status"] == "finished_successful" and result["started"] and result["created"]
    app_key = simulator.state.find_app("Customer Portal").key
    # From the binary plan's ApplicationsToDeploy (a binary plan has no ApplicationOperations).
    assert result["applications_to_deploy"] == [{"application_key": app_key, "application_name": "Customer Portal", "is_new": False}]
    assert result["plan"]["application_operations"] == [] and result["plan"]["source_environment_key"] == ""
    assert result["sha256"] == check["sha256"]
    upload = [r for r in simulator.requests() if r["path"].endswith("/deployment/")]
    assert len(upload) == 1 and upload[0]["method"] == "POST"
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"

    simulator.clear_requests()
    again = run_module("binary_deployment", environment="Test", src=package)
    assert not again.get("failed") and again["changed"] is False, again
    assert "already runs" in again["msg"]
    assert [m[0] for m in mutating(simulator)] == ["POST", "DELETE"]
    assert [p.status for p in simulator.state.deployments] == ["finished_successful"]


def test_upload_without_start_and_two_step_stop(simulator, run_module, package):
    saved = run_module("binary_deployment", environment="Production", src=package, start=False)
    assert saved["changed"] and saved["status"] == "saved" and saved["started"] is False, saved
    run_module("deployment", state="absent", key=saved["key"])
    simulator.set_scenario("two_step")
    stopped = run_module("binary_deployment", environment="Production", src=package, two_step="stop")
    assert stopped["status"] == "needs_user_intervention" and stopped["info"] == "deployment_prepared", stopped
    finished = run_module("deployment", key=stopped["key"])
    assert finished["status"] == "finished_successful", finished
    assert simulator.state.running_version("Production", "Customer Portal") == "1.2.0"


def test_finished_with_errors(simulator, run_module, package):
    simulator.set_scenario("finished_with_errors")
    result = run_module("binary_deployment", environment="Test", src=package)
    assert result["failed"] and "finished_with_errors" in result["msg"] and result["deployment_log"], result


def test_bad_input(simulator, run_module, tmp_path, package):
    missing = run_module("binary_deployment", environment="Test", src=str(tmp_path / "nope.oap"))
    assert missing["failed"] and "nope.oap" in missing["msg"]
    env = run_module("binary_deployment", environment="Staging", src=package)
    assert env["failed"] and "Valid environment names" in env["msg"]
    timeout = run_module("binary_deployment", environment="Test", src=package, wait_timeout=0)
    assert timeout["failed"] and "wait_timeout" in timeout["msg"]
    junk = tmp_path / "junk.oap"
    junk.write_bytes(b"not a package")
    refused = run_module("binary_deployment", environment="Test", src=str(junk))
    assert refused["failed"] and "400" in refused["msg"]
    assert [m for m in mutating(simulator) if m[0] != "POST"] == [] and simulator.state.deployments == []


def test_new_application_and_another_version_are_deployed(simulator, run_module, tmp_path):
    """Idempotence only skips what already runs: a different package of a known application, or a new one, is deployed."""
    app = simulator.state.find_app("Orders")
    older = tmp_path / "Orders-2.0.0.oap"
    older.write_bytes(build_package(simulator.state, app, app.version_by_label("2.0.0")))
    assert simulator.state.running_version("Production", "Orders") == "2.0.0"
    same = run_module("binary_deployment", environment="Production", src=str(older))
    assert same["changed"] is False and "already runs" in same["msg"], same
    newer = tmp_path / "Orders-2.1.0.oap"
    newer.write_bytes(build_package(simulator.state, app, app.version_by_label("2.1.0")))
    deployed = run_module("binary_deployment", environment="Production", src=str(newer))
    assert deployed["changed"] and deployed["status"] == "finished_successful", deployed
    assert [item["is_new"] for item in deployed["applications_to_deploy"]] == [False]
    assert simulator.state.running_version("Production", "Orders") == "2.1.0"


def test_binary_deployment_to_production_disabled_in_lifetime(simulator, run_module, package):
    simulator.set_scenario("binary_to_production_disabled")
    refused = run_module("binary_deployment", environment="Production", src=package)
    assert refused["failed"] and refused["status"] == 400, refused
    msg = refused["msg"]
    assert "Production" in msg and "disabled in LifeTime" in msg and "LifeTime's settings" in msg and "administrator" in msg
    assert simulator.state.deployments == []
    allowed = run_module("binary_deployment", environment="Test", src=package)
    assert allowed["changed"] and allowed["status"] == "finished_successful", allowed


def test_before_11_24_the_upload_waits_for_the_running_plan(simulator, run_module, package):
    simulator.set_profile("lifetime-11.23")
    simulator.state.deploy_seconds = 1.0
    first = run_module("deployment", source_environment="Development", target_environment="Test", applications=["HR Onboarding"],
                       wait=False)
    result = run_module("binary_deployment", environment="Test", src=package, wait_timeout=30)
    assert not result.get("failed") and result["status"] == "finished_successful", result
    assert any(first["key"] in str(warning) for warning in result.get("warnings", []))
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
