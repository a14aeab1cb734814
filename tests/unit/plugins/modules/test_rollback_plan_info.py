"""outsystems.lifetime.rollback_plan_info and application_version based_on_version against the simulator: what a rollback
would tag and deploy, decided before any change."""

import json

from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import trigger_manifest

MUTATING = ("POST", "PUT", "DELETE")


def mutating(simulator):
    return [entry for entry in simulator.requests() if entry["method"] in MUTATING]


def bad_release(run, simulator, app="Orders"):
    """Test -> Production of what Test runs: Production ran the earlier version before."""
    result = run("deployment", source_environment="Test", target_environment="Production", applications=[app])
    assert result["status"] == "finished_successful", result
    simulator.clear_requests()


def by_app(plan):
    return dict((item["application_name"], item) for item in plan["rollbacks"])


def test_web_app_is_tagged_from_the_earlier_module_versions_then_deployed(run, simulator):
    bad_release(run, simulator)
    plan = run("rollback_plan_info", target_environment="Production", applications=[{"name": "Orders", "version": "2.0.0"}])
    assert plan["changed"] is False and mutating(simulator) == []
    orders = by_app(plan)["Orders"]
    assert (orders["kind"], orders["action"], orders["from_version"], orders["to_version"]) == ("web", "tag_and_deploy", "2.1.0", "2.0.0")
    assert orders["tag"]["environment"] == "Test" and orders["tag"]["version"] == "2.1.1"
    assert orders["tag"]["change_log"] == "Rollback of Orders in Production to version 2.0.0 (from 2.1.0)"
    assert plan["deploy"] == [{"name": orders["application_key"], "version": "2.1.1"}] and plan["source_environment"] == "Test"

    tagged = run("application_version", application="Orders", environment="Test", version="2.1.1",
                 based_on_version="2.0.0", change_log=orders["tag"]["change_log"])
    assert tagged["tagged"] is True
    app = simulator.state.find_app("Orders")
    assert app.version_by_label("2.1.1").module_version_keys == app.version_by_label("2.0.0").module_version_keys
    assert simulator.state.running_version("Test", "Orders") == "2.1.0"  # the tag does not change what Test runs
    again = run("application_version", application="Orders", environment="Test", version="2.1.1", based_on_version="2.0.0")
    assert again["changed"] is False and again["version_key"] == tagged["version_key"]

    run("deployment", source_environment="Test", target_environment="Production", applications=plan["deploy"])
    assert simulator.state.running_version("Production", "Orders") == "2.1.1"
    done = run("rollback_plan_info", target_environment="Production", applications=[{"name": "Orders", "version": "2.0.0"}])
    assert by_app(done)["Orders"]["action"] == "none" and done["deploy"] == [] and done["changes"] is False


def test_mobile_app_is_deployed_at_the_earlier_version(run, simulator):
    run("deployment", source_environment="Development", target_environment="Test", applications=["Mobile Banking"])
    bad_release(run, simulator, "Mobile Banking")
    plan = run("rollback_plan_info", target_environment="Production", applications=[{"name": "Mobile Banking", "version": "3.0.0"}])
    banking = by_app(plan)["Mobile Banking"]
    assert (banking["kind"], banking["action"], banking["tag"], banking["deploy_version"]) == ("mobile", "deploy", None, "3.0.0")
    assert mutating(simulator) == []


def test_a_version_tagged_by_an_earlier_run_is_deployed_not_tagged_again(run, simulator):
    bad_release(run, simulator)
    run("application_version", application="Orders", environment="Test", version="2.1.1", based_on_version="2.0.0")
    plan = run("rollback_plan_info", target_environment="Production", applications=[{"name": "Orders", "version": "2.0.0"}])
    orders = by_app(plan)["Orders"]
    assert (orders["action"], orders["tag"], orders["deploy_version"]) == ("deploy", None, "2.1.1")


def test_a_source_that_does_not_hold_the_version_is_refused_naming_one_that_does(run, simulator):
    bad_release(run, simulator)
    simulator.state.find_app("Orders").status[simulator.state.find_env("Development").key].version_key = \
        simulator.state.find_app("Orders").version_by_label("2.0.0").key  # Development runs 2.0.0, Test 2.1.0
    del simulator.state.find_app("Orders").status[simulator.state.find_env("Test").key]
    result = run("rollback_plan_info", target_environment="Production", applications=[{"name": "Orders", "version": "2.0.0"}])
    assert result["failed"] and "'Test' does not have the module versions of version 2.0.0; 'Development' does" in result["msg"], result
    assert by_app(run("rollback_plan_info", target_environment="Production", source_environment="Development",
                      applications=[{"name": "Orders", "version": "2.0.0"}]))["Orders"]["tag"]["environment"] == "Development"


def test_a_manifest_entry_without_the_previous_version_is_a_problem_naming_it(run, simulator, tmp_path):
    manifest = tmp_path / "release.yml"
    manifest.write_text("applications:\n  - name: Orders\n    version: '2.1.0'\n")
    result = run("rollback_plan_info", target_environment="Production", manifest=str(manifest))
    assert result["failed"] and "applications entry 1 (Orders): no from_version" in result["msg"], result
    assert simulator.mutating_requests() == []


def test_a_trigger_pipeline_manifest_names_the_previous_version_by_key(run, simulator, tmp_path):
    """OutSystems' manifest format, as the promote role writes it (FromVersionNumber / FromVersionKey)."""
    run("deployment", source_environment="Development", target_environment="Test", applications=["Mobile Banking"])
    bad_release(run, simulator, "Mobile Banking")
    banking = simulator.state.find_app("Mobile Banking")
    earlier, released = banking.version_by_label("3.0.0"), banking.version_by_label("3.1.0")
    manifest = tmp_path / "mobile-production.json"
    manifest.write_text(json.dumps(trigger_manifest(
        [{"key": banking.key, "name": banking.name, "version": "3.1.0", "version_key": released.key,
          "from_version": "3.0.0", "from_version_key": earlier.key}], [], [], "Release 3.1.0")))
    assert '"FromVersionKey"' in manifest.read_text()
    plan = run("rollback_plan_info", target_environment="Production", manifest=str(manifest))
    item = by_app(plan)["Mobile Banking"]
    assert (item["action"], item["from_version"], item["to_version"], item["to_version_key"]) == ("deploy", "3.1.0", "3.0.0", earlier.key)
    assert plan["deploy"] == [{"name": banking.key, "version": "3.0.0"}]
