"""promotion_plan_info in-process against the simulator: what it selects, every problem at once, and the requests it sends;
then the deployment module given its decision (plan) sends no lookup of its own."""

import json
import re

import pytest
import yaml

pytestmark = pytest.mark.usefixtures("fast_polling")

KEY = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def shapes(simulator):
    """The requests the simulator received, method and path with keys as {key}."""
    return ["%s %s" % (r["method"], KEY.sub("{key}", r["path"].split("/rest/v2", 1)[-1])) for r in simulator.requests()]


def plan(run, **args):
    merged = dict(source_environment="Development", target_environment="Test")
    merged.update(args)
    return run("promotion_plan_info", **merged)


def by_name(entries):
    return dict((entry["name"], entry) for entry in entries)


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_auto_pick_selects_what_is_newer_and_reads_labels_only_where_versions_differ(simulator, run, profile):
    simulator.set_profile(profile)
    result = plan(run, target_environment="Production")
    assert not result.get("failed"), result
    selected = by_name(result["selected"])
    assert set(selected) == {"Customer Portal", "Mobile Banking", "Orders", "Shared Components", "HR Onboarding"}, result
    assert selected["Customer Portal"]["version"] == "1.2.0" and selected["Customer Portal"]["from_version"] == "1.0.0"
    assert selected["Customer Portal"]["tag"] is False and selected["Customer Portal"]["modified"] is True
    assert result["source_environment"]["name"] == "Development" and result["target_environment"]["name"] == "Production"
    reads = [shape for shape in shapes(simulator) if shape.endswith("/versions/")]
    running = [(simulator.state.running_version("Development", app.name), simulator.state.running_version("Production", app.name))
               for app in simulator.state.apps.values()]
    differ = [pair for pair in running if None not in pair and pair[0] != pair[1]]
    # LifeTime's documented answers name running versions by key only: one versions list per application whose
    # source and target run different versions, and none where the statuses carry labels.
    assert len(reads) == (0 if profile == "swagger" else len(differ)), shapes(simulator)
    assert shapes(simulator)[:2] == ["GET /environments/", "GET /applications/"]
    assert not simulator.mutating_requests()


def test_tag_modified_selects_modified_applications_without_reading_their_labels(simulator, run):
    result = plan(run, tag_modified=True)
    selected = by_name(result["selected"])
    assert selected["Customer Portal"]["tag"] is True
    portal = simulator.state.find_app("Customer Portal").key
    assert not [shape for shape in shapes(simulator) if shape.endswith("/versions/") and portal in shape]
    assert not [r for r in simulator.requests() if portal in r["path"]], "a modified application that is tagged needs no label"


def test_named_applications_cost_two_requests_at_any_count(simulator, run):
    result = plan(run, applications="Customer Portal, Mobile Banking,Inventory")
    assert not result.get("failed"), result
    assert [entry["name"] for entry in result["selected"]] == ["Customer Portal", "Mobile Banking"]
    assert [entry["name"] for entry in result["skipped"]] == ["Inventory"]
    assert "already runs version" in result["skipped"][0]["reason"]
    assert shapes(simulator) == ["GET /environments/", "GET /applications/"]
    assert any("Customer Portal is modified in Development" in note for note in result["notes"])


def test_every_problem_at_once_with_did_you_mean(simulator, run):
    result = plan(run, source_environment="Devlopment", applications=["Customer Portl", "Orders"],
                  deployment_zones={"Nobody": "DMZ", "orders": "DMZ", "Orders": " "}, option_prefix="promote_")
    assert result["failed"]
    problems = result["problems"]
    assert "promote_source_environment: environment 'Devlopment' not found. Valid environment names: Development, Production, Test." \
        " Did you mean 'Development'?" in problems
    assert any(p.startswith("promote_applications: application 'Customer Portl' not found.") and "Did you mean 'Customer Portal'?" in p
               for p in problems), problems
    assert any(p.startswith("promote_deployment_zones: application 'Nobody' not found.") for p in problems), problems
    assert "promote_deployment_zones: application 'orders' is called 'Orders': use its exact name or key" in problems
    assert "promote_deployment_zones['Orders'] is empty (' '): give the zone's name or key" in problems
    assert "The promotion request is not valid (5 problems):" in result["msg"]
    assert not simulator.mutating_requests()


def test_same_environment_and_application_not_in_the_source(simulator, run):
    result = plan(run, source_environment="Test", applications=["HR Onboarding"])
    assert "the target environment 'Test' is the source environment" in result["problems"]
    result = plan(run, source_environment="Production", target_environment="Test", applications=["HR Onboarding"])
    assert any("application 'HR Onboarding' is not running in the source environment 'Production'" in p for p in result["problems"]), result


def test_unknown_zone_is_a_problem_and_a_known_one_is_resolved(simulator, run):
    result = plan(run, applications=["Customer Portal"], deployment_zones={"Customer Portal": "Moon"})
    assert any("deployment zone 'Moon' not found in environment 'Test'" in p for p in result["problems"]), result
    zone = simulator.state.find_env("Test").zones[-1]
    result = plan(run, applications=["Customer Portal"], deployment_zones={"Customer Portal": zone["Name"]})
    assert result["selected"][0]["zone_key"] == zone["Key"] and result["selected"][0]["zone"] == zone["Name"], result


def test_manifest_versions_environment_labels_and_every_manifest_problem(simulator, run, tmp_path):
    dev, test = simulator.state.find_env("Development"), simulator.state.find_env("Test")
    good = tmp_path / "release.yml"
    good.write_text(yaml.safe_dump({"environments": [{"key": dev.key, "name": dev.name, "label": "DEV"},
                                                     {"key": test.key, "name": test.name, "label": "QA"}],
                                    "applications": [{"name": "Orders", "version": "2.0.0"}, {"name": "Customer Portal", "version": "1.2.0"}]}))
    result = plan(run, source_environment="DEV", target_environment="QA", manifest=str(good), applications=["Customer Portal"])
    assert not result.get("failed"), result
    assert [(e["name"], e["version"]) for e in result["selected"]] == [("Customer Portal", "1.2.0")]
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump({"applications": [{"name": "Orders", "version": "9.9.9"}, {"name": "Ghost App", "version": "1.0.0"},
                                                    {"name": "Inventory"}]}))
    result = plan(run, manifest=str(bad))
    problems = result["problems"]
    assert any("applications entry 3 (Inventory) has no version" in p for p in problems), problems
    assert "application 'Ghost App' of the manifest does not exist" in problems
    assert any("version '9.9.9' of application 'Orders' not found" in p for p in problems), problems
    assert len(problems) == 3, problems
    missing = plan(run, manifest=str(tmp_path / "nowhere.yml"))
    assert missing["problems"] == ["the manifest '%s' does not exist" % (tmp_path / "nowhere.yml")]


def test_trigger_manifest_versions_are_deployed_as_given(simulator, run, tmp_path):
    orders = simulator.state.find_app("Orders")
    trigger = tmp_path / "trigger.json"
    trigger.write_text('{"ApplicationVersions": [{"ApplicationName": "Orders", "ApplicationKey": "%s", "VersionNumber": "2.1.0"}]}' % orders.key)
    result = plan(run, target_environment="Production", manifest=str(trigger))
    assert not result.get("failed"), result
    assert [(e["name"], e["version"]) for e in result["selected"]] == [("Orders", "2.1.0")]


def test_test_applications_of_a_manifest_are_left_out_only_when_asked(simulator, run, tmp_path):
    trigger = tmp_path / "trigger.json"
    trigger.write_text(json.dumps({"ApplicationVersions": [
        {"ApplicationName": "Orders", "VersionNumber": "2.1.0", "IsTestApplication": False},
        {"ApplicationName": "Inventory", "VersionNumber": "1.0.0", "IsTestApplication": True}]}))
    result = plan(run, target_environment="Production", manifest=str(trigger))
    assert [(e["name"], e["is_test_application"]) for e in result["selected"] + result["skipped"]] == [("Orders", False), ("Inventory", True)]
    left_out = plan(run, target_environment="Production", manifest=str(trigger), include_test_applications=False)
    assert not left_out.get("failed"), left_out
    assert [e["name"] for e in left_out["decided"]] == ["Orders"]
    assert left_out["notes"] == ["Inventory is a test application of the manifest: left out (include_test_applications is false)"]


def test_deployment_given_the_plan_sends_only_the_targets_plans_before_creating_it(simulator, run):
    decided = plan(run, applications=["Customer Portal", "Mobile Banking"])
    simulator.clear_requests()
    result = run("deployment", plan=dict(source_environment=decided["source_environment"], target_environment=decided["target_environment"],
                                         applications=decided["selected"]))
    assert not result.get("failed"), result
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"
    requests = shapes(simulator)
    assert requests[:2] == ["GET /deployments/", "POST /deployments/"], requests
    # The labels LifeTime sent by key only come from the plan's operations ("Deploy 1.2.0"), read anyway.
    assert sorted(app["to_version"] for app in result["applications_to_deploy"]) == ["1.2.0", "3.1.0"]
    again = plan(run, applications=["Customer Portal", "Mobile Banking"])
    assert again["selected"] == [] and [entry["name"] for entry in again["skipped"]] == ["Customer Portal", "Mobile Banking"]


def test_deployment_plan_option_refuses_an_entry_without_keys(simulator, run):
    result = run("deployment", plan=dict(source_environment={"key": "a", "name": "A"}, target_environment={"key": "b", "name": "B"},
                                         applications=[{"name": "Orders"}]))
    assert result["failed"] and "plan:" in result["msg"], result
    assert simulator.requests() == []


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_the_plan_and_the_deployment_module_decide_alike(simulator, run, profile):
    simulator.set_profile(profile)
    names = ["Customer Portal", "Orders", "Mobile Banking", "Inventory", "HR Onboarding"]
    decided = plan(run, source_environment="Development", target_environment="Production", applications=names)
    deployment = run("deployment", check_mode=True, source_environment="Development", target_environment="Production", applications=names)
    assert not deployment.get("failed"), deployment
    assert [(e["key"], e["version_key"], e["zone_key"]) for e in decided["selected"]] == [
        (a["application_key"], a["version_key"], a["deployment_zone_key"]) for a in deployment["applications_to_deploy"]]
    assert [e["key"] for e in decided["skipped"]] == [a["application_key"] for a in deployment["skipped_applications"]]
