"""The deployment module against the simulator: promotion, reuse, two-step, DB mappings, failures, check mode."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments

TWO_APPS = ["Customer Portal", "Mobile Banking"]


pytestmark = pytest.mark.usefixtures("fast_polling")


@pytest.fixture
def slow_deployments(simulator):
    """Deployments that take 30 s, for timeouts (the next test's simulator reset restores the time)."""
    simulator.state.deploy_seconds = 30
    return simulator


def promote(run_module, **args):
    merged = dict(source_environment="Development", target_environment="Test", applications=TWO_APPS)
    merged.update(args)
    return run_module("deployment", **merged)


def mutating(simulator):
    return [(r["method"], r["path"]) for r in simulator.mutating_requests()]


def plans(simulator):
    return {plan.key: plan.status for plan in simulator.state.deployments}


def warning_text(result):
    return " ".join(str(item) for item in result.get("warnings", []))


# -- promotion ------------------------------------------------------------------------------


def test_promotes_two_apps_and_second_run_changes_nothing(simulator, run_module):
    assert simulator.state.running_version("Test", "Customer Portal") == "1.1.0"
    result = promote(run_module)
    assert not result.get("failed"), result
    assert result["changed"] and result["created"] and result["started"]
    assert result["status"] == "finished_successful"
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"
    deployed = dict((app["application_name"], (app["from_version"], app["to_version"])) for app in result["applications_to_deploy"])
    assert deployed == {"Customer Portal": ("1.1.0", "1.2.0"), "Mobile Banking": ("3.0.0", "3.1.0")}
    # Both keep the zone they have in Test; its name is not worth a request of its own.
    # Both run in Test in no zone in particular (DeploymentZoneKey "", as documented): the plan keeps it so.
    assert all(app["deployment_zone_key"] == "" and app["deployment_zone"] is None for app in result["applications_to_deploy"])
    assert not [r for r in simulator.requests() if r["path"].endswith("/deploymentzones/")]
    # Customer Portal is modified in Development: deployed at its tagged version, with a warning.
    assert "Customer Portal" in warning_text(result) and "modified" in warning_text(result)
    # As documented, log entries carry only Instant and Message.
    assert result["deployment_log"] and set(result["deployment_log"][0]) == {"instant", "message"}
    assert result["durations"]["started_on"] and result["durations"]["finished_on"]
    assert isinstance(result["durations"]["seconds"], float)
    assert result["plan"]["key"] == result["key"]
    # The plan was read before its start: LifeTime's "not set" date (1900-01-01T00:00:00) is never reported as a date.
    assert result["plan"]["started_on"] is None and result["plan"]["aborted_on"] is None
    start = [r for r in simulator.requests() if r["method"] == "POST" and r["path"].endswith("/start/")]
    assert len(start) == 1
    assert start[0]["query"].get("IncludeErrorDetails") in ("true", ["true"])
    assert start[0]["query"].get("RedeployOutdated") in ("true", ["true"])

    simulator.clear_requests()
    again = promote(run_module)
    assert not again.get("failed"), again
    assert again["changed"] is False and again["created"] is False and again["started"] is False
    assert mutating(simulator) == []
    assert sorted(item["application_name"] for item in again["skipped_applications"]) == sorted(TWO_APPS)
    assert "nothing to deploy" in again["msg"]
    assert len(simulator.state.deployments) == 1


def test_app_already_in_target_is_skipped(simulator, run_module):
    result = promote(run_module, applications=["Orders", "HR Onboarding"])
    assert result["changed"], result
    assert [item["application_name"] for item in result["skipped_applications"]] == ["Orders"]
    assert [item["application_name"] for item in result["applications_to_deploy"]] == ["HR Onboarding"]
    assert result["applications_to_deploy"][0]["from_version"] is None
    # New in Test: the target's zones are listed once for the default zone.
    assert result["applications_to_deploy"][0]["deployment_zone"] == "Global"
    assert len([r for r in simulator.requests() if r["path"].endswith("/deploymentzones/")]) == 1
    assert simulator.state.running_version("Test", "HR Onboarding") == "1.0.0"


def test_zone_names_filled_when_the_zones_were_listed_anyway(simulator, run_module):
    test = simulator.state.find_env("Test")
    simulator.state.find_app("Customer Portal").status[test.key].zone_key = next(z["Key"] for z in test.zones if z["Name"] == "DMZ")
    result = promote(run_module, applications=["Customer Portal", "HR Onboarding"])
    assert result["status"] == "finished_successful", result
    zones = dict((app["application_name"], app["deployment_zone"]) for app in result["applications_to_deploy"])
    assert zones == {"HR Onboarding": "Global", "Customer Portal": "DMZ"}
    assert len([r for r in simulator.requests() if r["path"].endswith("/deploymentzones/")]) == 1


def test_nothing_to_deploy_creates_nothing(simulator, run_module):
    result = promote(run_module, applications=["Orders", "Inventory"])
    assert result["changed"] is False and not result.get("failed")
    assert "nothing to deploy" in result["msg"] and "Orders" in result["msg"]
    assert mutating(simulator) == [] and plans(simulator) == {}


def test_explicit_version_and_zone(simulator, run_module):
    result = promote(run_module, applications=[{"name": "Customer Portal", "version": "1.2", "deployment_zone": "DMZ"}])
    assert result["status"] == "finished_successful", result
    assert result["applications_to_deploy"][0]["to_version"] == "1.2.0"
    assert result["applications_to_deploy"][0]["deployment_zone"] == "DMZ"
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"


def test_version_key_running_nowhere(simulator, run_module):
    """A version given by key that runs nowhere is read with IncludeModules (LifeTime answers 400 without it)."""
    inventory = simulator.state.find_app("Inventory")
    old = inventory.version_by_label("0.9.0")
    # LifeTime does not deploy a web version lower than the running one: Test runs Inventory no more
    del inventory.status[simulator.state.find_env("Test").key]
    result = promote(run_module, applications=[{"name": "Inventory", "version": old.key}])
    assert result["status"] == "finished_successful", result
    moved = result["applications_to_deploy"][0]
    assert (moved["from_version"], moved["to_version"], moved["version_key"]) == (None, "0.9.0", old.key)
    [read] = [r for r in simulator.requests() if r["path"].rstrip("/").endswith("/versions/" + old.key)]
    assert read["query"].get("IncludeModules") in ("true", ["true"])
    assert simulator.state.running_version("Test", "Inventory") == "0.9.0"


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_request_count_does_not_grow_with_applications(simulator, run_module, profile):
    """Lookups are one list call per kind; the only reads per application are the versions of those that move, to name
    their versions, and only on a server that does not send BaseApplicationVersionLabel (the documented one)."""
    def gets_before_create(apps):
        simulator.reset()
        simulator.set_profile(profile)  # reset() goes back to the default profile
        # Every application moves to a higher version (LifeTime deploys no lower web version): Production's Inventory runs 0.9.0.
        inventory = simulator.state.find_app("Inventory")
        inventory.status[simulator.state.find_env("Production").key].version_key = inventory.version_by_label("0.9.0").key
        simulator.clear_requests()
        result = run_module("deployment", state="present", source_environment="Development", target_environment="Production",
                            applications=apps)
        assert result["created"], result
        assert all(item["from_version"] and item["to_version"] for item in result["applications_to_deploy"]), result
        requests = simulator.requests()
        before = requests[:next(i for i, r in enumerate(requests) if r["method"] == "POST")]
        version_lists = [r for r in before if r["path"].rstrip("/").endswith("/versions")]
        return len(before) - len(version_lists), len(version_lists)

    one = gets_before_create(["Customer Portal"])
    five = gets_before_create(["Customer Portal", "Orders", "Inventory", "Mobile Banking", "Shared Components"])
    print("GETs before the plan is created (lookups, version lists): 1 app -> %s, 5 apps -> %s" % (one, five))
    assert one[0] == five[0] <= 4
    per_app = 0 if profile == "swagger" else 1
    assert (one[1], five[1]) == (per_app, 5 * per_app)


# -- state present, reuse, update, delete --------------------------------------------------------


def test_present_reuses_identical_saved_plan_and_updates_by_key(simulator, run_module):
    first = promote(run_module, state="present")
    assert first["changed"] and first["created"] and first["status"] == "saved", first
    simulator.clear_requests()
    second = promote(run_module, state="present")
    assert second["changed"] is False and second["created"] is False and second["key"] == first["key"]
    assert mutating(simulator) == []
    assert len(simulator.state.deployments) == 1

    updated = run_module("deployment", state="present", key=first["key"], applications=["Customer Portal"], diff=True)
    assert updated["changed"], updated
    assert [m for m in mutating(simulator) if m[0] != "GET"] == [("PUT", "/lifetimeapi/rest/v2/deployments/%s/" % first["key"])]
    assert len(simulator.state.plans[first["key"]].operations) == 1
    assert len(updated["diff"]["before"]["operations"]) == 2 and len(updated["diff"]["after"]["operations"]) == 1

    simulator.clear_requests()
    same = run_module("deployment", state="present", key=first["key"], applications=["Customer Portal"])
    assert same["changed"] is False and mutating(simulator) == []


def test_started_reuses_saved_plan_and_starts_it(simulator, run_module):
    saved = promote(run_module, state="present")
    started = promote(run_module)
    assert started["key"] == saved["key"] and started["created"] is False and started["started"] is True
    assert started["status"] == "finished_successful"
    assert len(simulator.state.deployments) == 1


def test_delete_saved_plan(simulator, run_module):
    saved = promote(run_module, state="present")
    check = run_module("deployment", state="absent", key=saved["key"], check_mode=True, diff=True)
    assert check["changed"] and saved["key"] in plans(simulator)
    result = run_module("deployment", state="absent", key=saved["key"], diff=True)
    assert result["changed"] and result["diff"] == check["diff"] and result["diff"]["after"] == {}
    assert plans(simulator) == {}
    again = run_module("deployment", state="absent", key=saved["key"])
    assert again["changed"] is False and not again.get("failed")


def test_delete_refuses_a_plan_that_is_not_saved(simulator, run_module):
    done = promote(run_module)
    result = run_module("deployment", state="absent", key=done["key"])
    assert result["failed"] and "only saved plans" in result["msg"] and done["key"] in result["msg"]
    assert done["key"] in plans(simulator)


# -- check mode ---------------------------------------------------------------------------------


def test_check_mode_predicts_and_sends_nothing(simulator, run_module):
    check = promote(run_module, check_mode=True, diff=True)
    assert mutating(simulator) == [] and plans(simulator) == {}
    assert check["changed"] and check["created"] and check["started"], check
    real = promote(run_module, diff=True)
    assert real["changed"] == check["changed"]
    assert real["diff"] == check["diff"]
    assert check["diff"]["before"] == {} and check["diff"]["after"]["target_environment"] == "Test"
    simulator.clear_requests()
    again = promote(run_module, check_mode=True)
    assert again["changed"] is False and mutating(simulator) == []


def test_check_mode_present_on_saved_plan(simulator, run_module):
    promote(run_module, state="present")
    simulator.clear_requests()
    check = promote(run_module, check_mode=True)
    assert check["changed"] and check["created"] is False and check["started"] is True
    assert mutating(simulator) == []


# -- two-step, DB mappings, outcomes ---------------------------------------------------------


def test_two_step_stop_then_continue_by_key(simulator, run_module):
    simulator.set_scenario("two_step")
    stopped = promote(run_module, two_step="stop")
    assert stopped["changed"] and stopped["status"] == "needs_user_intervention", stopped
    assert stopped["info"] == "deployment_prepared"
    assert simulator.state.running_version("Test", "Customer Portal") == "1.1.0"
    simulator.clear_requests()
    rerun = promote(run_module, two_step="stop")
    assert rerun["changed"] is False and rerun["key"] == stopped["key"] and mutating(simulator) == []
    check = run_module("deployment", key=stopped["key"], check_mode=True)
    assert check["changed"] and mutating(simulator) == []
    finished = run_module("deployment", key=stopped["key"])
    assert finished["changed"] and finished["status"] == "finished_successful", finished
    assert [m[1].rsplit("/", 2)[-2] for m in mutating(simulator)] == ["continue"]
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"


def test_two_step_continue(simulator, run_module):
    simulator.set_scenario("two_step")
    result = promote(run_module)
    assert result["status"] == "finished_successful", result
    commands = [m[1].rsplit("/", 2)[-2] for m in mutating(simulator) if m[1].count("/") > 5]
    assert commands == ["start", "continue"]


def test_db_mappings_given(simulator, run_module):
    simulator.set_scenario("db_mappings")
    result = promote(run_module, db_mappings=[{"extension": "ERPConnector", "logical_database": "ERP", "database": "ERPConnection"}])
    assert result["status"] == "finished_successful", result
    configuration = [r for r in simulator.requests() if r["path"].endswith("/configuration/")]
    assert len(configuration) == 1
    body = configuration[0]["body"]
    assert body[0]["DBMapping"] == [{"LogicalDatabaseName": "ERP", "DatabaseName": "ERPConnection"}]
    # "Mapping succeeded and deployment triggered": the plan resumes by itself, no continue is sent.
    assert [path.rsplit("/", 2)[-2] for _method, path in mutating(simulator) if path.count("/") > 5] == ["start", "configuration"]


def test_db_mappings_check_mode_predicts_the_configuration_only(simulator, run_module):
    simulator.set_scenario("db_mappings")
    waiting = promote(run_module)
    assert waiting["failed"] and waiting["status"] == "needs_user_intervention", waiting
    simulator.clear_requests()
    mappings = [{"extension": "ERPConnector", "logical_database": "ERP", "database": "ERPConnection"}]
    check = run_module("deployment", key=waiting["key"], db_mappings=mappings, check_mode=True)
    assert check["changed"] and mutating(simulator) == [], check
    done = run_module("deployment", key=waiting["key"], db_mappings=mappings)
    assert done["changed"] and done["status"] == "finished_successful", done
    assert [path.rsplit("/", 2)[-2] for _method, path in mutating(simulator)] == ["configuration"]


def test_db_mappings_missing(simulator, run_module):
    simulator.set_scenario("db_mappings")
    result = promote(run_module)
    assert result["failed"] and "ERPConnector/ERP" in result["msg"] and result["key"] in result["msg"], result
    assert result["status"] == "needs_user_intervention"
    assert plans(simulator)[result["key"]] == "needs_user_intervention"


@pytest.mark.parametrize("scenario", ["suspended", "business_process_impact"])
def test_intervention_is_never_continued_unless_asked(simulator, run_module, scenario):
    simulator.set_scenario(scenario)
    stopped = promote(run_module)
    key = stopped["key"]
    assert stopped["failed"] and stopped["info"] in stopped["msg"] and "continue_intervention: true" in stopped["msg"], stopped
    assert plans(simulator)[key] == "needs_user_intervention"
    assert not [r for r in simulator.requests() if r["path"].endswith("/continue/")]

    # Without continue_intervention, a run with the key fails the same way and sends nothing.
    simulator.clear_requests()
    again = run_module("deployment", key=key)
    assert again["failed"] and mutating(simulator) == [], again

    simulator.clear_requests()
    predicted = run_module("deployment", key=key, continue_intervention=True, check_mode=True, diff=True)
    assert predicted["changed"] and mutating(simulator) == [], predicted
    assert predicted["diff"]["before"]["status"] == "needs_user_intervention" and predicted["diff"]["after"]["status"] == "running"

    simulator.clear_scenarios()
    resumed = run_module("deployment", key=key, continue_intervention=True, diff=True)
    assert resumed["changed"] and resumed["status"] == "finished_successful", resumed
    assert resumed["diff"] == predicted["diff"]
    assert [path.rsplit("/", 2)[-2] for _method, path in mutating(simulator)] == ["continue"]
    assert "continue_intervention" in warning_text(resumed)
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"

    simulator.clear_requests()
    idle = run_module("deployment", key=key, continue_intervention=True)
    assert idle["changed"] is False and mutating(simulator) == [], idle


def test_continue_intervention_needs_key(simulator, run_module):
    result = promote(run_module, continue_intervention=True)
    assert result["failed"] and "continue_intervention is True but all of the following are missing: key" in result["msg"], result
    assert mutating(simulator) == [] and plans(simulator) == {}


@pytest.mark.parametrize("args, message", [
    (dict(state="aborted"), "state is aborted but all of the following are missing: key"),
    (dict(state="absent"), "state is absent but all of the following are missing: key"),
    (dict(source_environment="Development", target_environment="Test"), "state is started but any of the following are missing: key, applications"),
    (dict(state="present", target_environment="Test"), "state is present but any of the following are missing: key, applications"),
    (dict(applications=["Orders"], target_environment="Test"), "give source_environment, target_environment and applications, or key (an existing plan)"),
])
def test_options_a_state_needs_fail_before_any_request(simulator, run_module, args, message):
    simulator.clear_requests()
    result = run_module("deployment", **args)
    assert result["failed"] and message in result["msg"], result
    assert simulator.requests() == []


def test_finished_with_errors_fails_with_log(simulator, run_module):
    simulator.set_scenario("finished_with_errors")
    result = promote(run_module)
    assert result["failed"] and "finished_with_errors" in result["msg"] and "error publishing module" in result["msg"], result
    assert any("error publishing module" in entry["message"] for entry in result["deployment_log"])
    assert simulator.state.running_version("Test", "Customer Portal") == "1.1.0"


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_finished_with_warnings_succeeds_with_warnings(simulator, run_module, profile):
    """Documented log entries have no Type: the warnings still reach the user (with Type, the Warning entries)."""
    simulator.set_profile(profile)
    simulator.set_scenario("finished_with_warnings")
    result = promote(run_module)
    assert not result.get("failed") and result["status"] == "finished_with_warnings", result
    assert "deprecated elements" in warning_text(result)
    assert ("type" in result["deployment_log"][-1]) is (profile == "swagger")


def test_finished_with_warnings_without_any_warning_message_reports_the_log():
    runner_log = [{"instant": "2024-04-05T10:31:14.4Z", "message": "Synchronizing data"}, {"instant": "2024-04-05T10:31:19Z", "message": "Deploy completed"}]
    [warning] = deployments.log_warnings(runner_log)
    assert "does not say which entries are warnings" in warning and "Deploy completed" in warning
    typed = runner_log + [{"instant": "2024-04-05T10:31:19Z", "message": "Module X has deprecated elements", "type": "Warning"}]
    assert deployments.log_warnings(typed) == ["Module X has deprecated elements"]


# -- conflicts ------------------------------------------------------------------------------------


def test_conflicts_fail_before_start_and_delete_created_plan(simulator, run_module):
    simulator.set_scenario("conflicts")
    result = promote(run_module)
    assert result["failed"] and "conflict" in result["msg"] and "deleted" in result["msg"], result
    assert result["conflicts"] and result["plan_deleted"] is True
    assert plans(simulator) == {}
    assert not any(r["path"].endswith("/start/") for r in simulator.requests())


def test_conflicts_keep_a_plan_this_task_did_not_create(simulator, run_module):
    saved = promote(run_module, state="present")
    simulator.set_scenario("conflicts")
    result = promote(run_module)
    assert result["failed"] and result["key"] == saved["key"]
    assert plans(simulator) == {saved["key"]: "saved"}


def test_allow_conflicts_with_continue_with_errors_starts(simulator, run_module):
    simulator.set_scenario("conflicts")
    result = promote(run_module, allow_conflicts=True, continue_with_errors=True)
    assert not result.get("failed") and result["status"] == "finished_successful", result
    start = [r for r in simulator.requests() if r["path"].endswith("/start/")][0]
    assert start["query"].get("ContinueWithErrors") in ("true", ["true"])


def test_refused_start_fails_with_reasons_and_deletes_plan(simulator, run_module):
    simulator.set_scenario("conflicts")
    result = promote(run_module, allow_conflicts=True)
    assert result["failed"] and "refused to start" in result["msg"] and "consumes elements" in result["msg"], result
    assert plans(simulator) == {}


# -- abort, timeout, parallel plans ----------------------------------------------------------


def test_abort(simulator, run_module, slow_deployments):
    started = promote(run_module, wait=False)
    assert started["status"] == "running" and started["started"], started
    check = run_module("deployment", state="aborted", key=started["key"], check_mode=True)
    assert check["changed"] and plans(simulator)[started["key"]] == "running"
    aborted = run_module("deployment", state="aborted", key=started["key"])
    assert aborted["changed"] and aborted["status"] == "aborted", aborted
    again = run_module("deployment", state="aborted", key=started["key"])
    assert again["changed"] is False and not again.get("failed")


def test_wait_timeout_fail_leaves_plan(simulator, run_module, slow_deployments):
    result = promote(run_module, wait_timeout=1)
    assert result["failed"], result
    assert result["key"] in result["msg"] and "running" in result["msg"] and "wait_timeout" in result["msg"]
    assert result["status"] == "running" and plans(simulator)[result["key"]] == "running"


def test_wait_timeout_abort(simulator, run_module, slow_deployments):
    result = promote(run_module, wait_timeout=1, on_timeout="abort")
    assert result["failed"] and "aborted" in result["msg"], result
    assert plans(simulator)[result["key"]] == "aborted"


def test_rerun_after_timeout_waits_for_the_same_plan(simulator, run_module, slow_deployments, virtual_clock):
    first = promote(run_module, wait_timeout=1)
    simulator.state.deploy_seconds = 0.5
    simulator.state.plans[first["key"]].phase_end = virtual_clock.now + 1  # still running when the task runs again
    simulator.clear_requests()
    second = promote(run_module)
    assert second["key"] == first["key"] and second["status"] == "finished_successful", second
    assert second["created"] is False and second["started"] is False and second["changed"] is False
    assert mutating(simulator) == [] and len(simulator.state.deployments) == 1


def test_parallel_plans_to_the_same_target(simulator, run_module):
    first = promote(run_module, applications=["Customer Portal"], wait=False)
    second = promote(run_module, applications=["HR Onboarding"], wait=False)
    assert first["key"] != second["key"] and first["started"] and second["started"], (first, second)
    finished = run_module("deployment", key=second["key"])
    assert finished["status"] == "finished_successful"
    assert simulator.state.running_version("Test", "HR Onboarding") == "1.0.0"


# -- LifeTime before 11.24: one running plan per target ---------------------------------------


def test_before_11_24_a_refused_start_waits_for_the_running_plan(simulator, run_module):
    simulator.set_profile("lifetime-11.23")
    simulator.state.deploy_seconds = 1.0
    first = promote(run_module, applications=["Customer Portal"], wait=False)
    second = promote(run_module, applications=["HR Onboarding"], wait_timeout=30)
    assert not second.get("failed") and second["status"] == "finished_successful", second
    assert first["key"] in warning_text(second) and "11.24" in warning_text(second)
    starts = [r for r in simulator.requests() if r["method"] == "POST" and r["path"].endswith("/start/")]
    assert [r["status"] for r in starts] == [202, 400, 202], "refused while the first runs, started once it finished"
    assert plans(simulator)[first["key"]] == "finished_successful"


def test_before_11_24_the_wait_times_out_naming_the_plan_and_deleting_its_own(simulator, run_module, slow_deployments):
    simulator.set_profile("lifetime-11.23")
    first = promote(run_module, applications=["Customer Portal"], wait=False)
    second = promote(run_module, applications=["HR Onboarding"], wait_timeout=1)
    assert second["failed"] and first["key"] in second["msg"] and "wait_timeout" in second["msg"], second
    assert "deleted" in second["msg"] and second["plan_deleted"] is True
    assert plans(simulator) == {first["key"]: "running"}


def test_an_accepted_start_costs_no_extra_request(simulator, run_module):
    promote(run_module, applications=["Customer Portal"], wait=False)
    simulator.clear_requests()
    promote(run_module, applications=["HR Onboarding"], wait=False)
    lists = [r for r in simulator.requests() if r["method"] == "GET" and r["path"].rstrip("/").endswith("/deployments")]
    assert len(lists) == 1, "only the search for a reusable plan lists the plans"


# -- bad input: nothing created ----------------------------------------------------------------


@pytest.mark.parametrize("args, words", [
    (dict(target_environment="Development"), ["both", "Development"]),
    (dict(applications=["Customer Portl", "Nope"]), ["Customer Portl", "Nope", "Valid application names", "Orders"]),
    (dict(applications=[{"name": "Orders", "version": "9.9.9"}]), ["9.9.9", "2.0.0, 2.1.0"]),
    (dict(applications=[{"name": "Orders", "deployment_zone": "Moon"}]), ["Moon", "DMZ"]),
    (dict(wait_timeout=-5), ["wait_timeout", "-5"]),
    (dict(target_environment="Staging"), ["Staging", "Valid environment names"]),
])
def test_bad_input_fails_and_creates_nothing(simulator, run_module, args, words):
    result = promote(run_module, **args)
    assert result["failed"], result
    for word in words:
        assert word in result["msg"]
    assert mutating(simulator) == [] and plans(simulator) == {}
