"""The playbooks and roles (promote, pipeline, tag, backup, airgap) run with real ansible-playbook against the simulator."""

import hashlib
import json
import re

import pytest
import yaml
from lifetime_simulator.profiles import PROFILES

from testlib.collection import REPO
from testlib.playbooks import recap

PLAYBOOKS = REPO / "playbooks"


def running(simulator, env, apps):
    return {app: simulator.state.running_version(env, app) for app in apps}


def version_reads(simulator):
    """The application keys whose versions list was read (to name versions: LifeTime's statuses give keys only)."""
    return [match.group(1) for match in (re.search(r"applications/([^/]+)/versions/?$", r["path"]) for r in simulator.requests()
                                         if r["method"] == "GET") if match]


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_promote_tags_deploys_writes_manifest_and_second_run_changes_nothing(playbook, simulator, tmp_path, profile):
    simulator.set_profile(profile)
    manifest = tmp_path / "release.yml"
    extra = {"source": "Development", "target": "Test", "tag_modified": True, "manifest_out": str(manifest), "name_versions": True}
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars=extra)
    assert run.returncode == 0, run
    assert running(simulator, "Test", ["Customer Portal", "Inventory", "Shared Components", "Mobile Banking", "HR Onboarding", "Orders"]) == {
        "Customer Portal": "1.2.1", "Inventory": "1.0.1", "Shared Components": "1.1.1", "Mobile Banking": "3.1.0",
        "HR Onboarding": "1.0.0", "Orders": "2.1.0"}
    assert len(simulator.state.deployments) == 1, "one plan for every application"
    assert "deployed Customer Portal: 1.1.0 -> 1.2.1" in run.stdout
    written = yaml.safe_load(manifest.read_text())
    assert {(app["name"], app["version"]) for app in written["applications"]} == {
        ("Customer Portal", "1.2.1"), ("Inventory", "1.0.1"), ("Shared Components", "1.1.1"), ("Mobile Banking", "3.1.0"),
        ("HR Onboarding", "1.0.0")}
    assert all(app["key"] and app["version_key"] for app in written["applications"])

    simulator.clear_requests()
    again = playbook(PLAYBOOKS / "promote.yml", extra_vars=extra)
    assert again.returncode == 0, again
    assert recap(again)["changed"] == 0, again
    assert simulator.mutating_requests() == []
    assert len(simulator.state.deployments) == 1
    assert yaml.safe_load(manifest.read_text()) == written
    assert version_reads(simulator) == [], "nothing moves: no version is named"


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_promote_lookups_do_not_grow_with_the_applications(playbook, simulator, profile):
    simulator.set_profile(profile)
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={
        "source": "Development", "target": "Production",
        "applications": ["Customer Portal", "Orders", "Inventory", "Mobile Banking", "Shared Components"]})
    assert run.returncode == 0, run
    moved = {simulator.state.find_app(name).key for name in ("Customer Portal", "Orders", "Mobile Banking", "Shared Components")}
    # Versions are compared by key: no versions list is read. The deployed versions' labels come from the plan's
    # operations; the replaced ones are named where LifeTime sends labels, else shown by key (promote_name_versions names them).
    assert version_reads(simulator) == []
    if profile == "swagger":
        assert "deployed Customer Portal: 1.0.0 -> 1.2.0" in run.stdout, run
    else:
        assert re.search(r"deployed Customer Portal: key [0-9a-f-]{36} -> 1\.2\.0", run.stdout), run
    assert len(moved) == 4
    before_plan = [r["path"] for r in simulator.requests()]
    creation = next(i for i, r in enumerate(simulator.requests()) if r["method"] == "POST")
    assert [path.split("/rest/v2")[-1] for path in before_plan[:creation]] == ["/environments/", "/applications/", "/deployments/"]
    assert running(simulator, "Production", ["Customer Portal", "Orders"]) == {"Customer Portal": "1.2.0", "Orders": "2.1.0"}
    assert "Customer Portal is modified in Development" in run.stdout


def test_promote_auto_pick_with_tagging_reads_labels_once_and_only_where_versions_differ(playbook, simulator):
    """The documented LifeTime names running versions by key only: which version is newer needs labels, read once per
    application whose source and target run different versions, and not for one that is tagged anyway (was 46 requests)."""
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={"source": "Development", "target": "Test", "tag_modified": True})
    assert run.returncode == 0, run
    requests = simulator.requests()
    creation = next(i for i, r in enumerate(requests) if r["method"] == "POST" and r["path"].rstrip("/").endswith("/deployments"))
    tags = [r["path"].split("/applications/")[1].split("/")[0] for r in requests if r["method"] == "POST" and r["path"].endswith("/versions/")]
    selection = requests[:next(i for i, r in enumerate(requests) if "/environments/" in r["path"] and "/applications/" in r["path"])]
    assert [r["path"].split("/rest/v2")[-1] for r in selection[:2]] == ["/environments/", "/applications/"], selection
    decided = [match.group(1) for match in (re.search(r"applications/([^/]+)/versions/$", r["path"]) for r in selection) if match]
    assert len(decided) == len(set(decided)), "each versions list is read once"
    assert not set(decided) & set(tags), "no label is read to decide for an application that is tagged"
    mobile = simulator.state.find_app("Mobile Banking").key
    assert decided == [mobile], "Mobile Banking (3.0.0 in Test, 3.1.0 in Development, unmodified) is the one to compare"
    assert requests[creation - 1]["path"].split("/rest/v2")[-1] == "/deployments/", "the deployment looks nothing up but the plans"
    assert len(requests) <= 30, [r["path"] for r in requests]
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"


def test_promote_a_trigger_pipeline_manifest_with_environments_named_by_label(playbook, simulator, tmp_path):
    """OutSystems' Trigger Pipeline manifest: its versions are deployed as given, its labels name the environments."""
    dev, test = simulator.state.find_env("Development"), simulator.state.find_env("Test")
    orders, portal = simulator.state.find_app("Orders"), simulator.state.find_app("Customer Portal")
    manifest = tmp_path / "trigger.json"
    manifest.write_text(json.dumps({
        "EnvironmentDefinitions": [{"EnvironmentKey": dev.key, "EnvironmentName": dev.name, "EnvironmentLabel": "DEV"},
                                   {"EnvironmentKey": test.key, "EnvironmentName": test.name, "EnvironmentLabel": "QA"}],
        "ApplicationVersions": [{"ApplicationName": "Customer Portal", "ApplicationKey": portal.key, "VersionNumber": "1.2.0"},
                                {"ApplicationName": "Orders", "ApplicationKey": orders.key, "VersionNumber": "2.1.0"}]}))
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={"source": "DEV", "target": "QA", "manifest_in": str(manifest)})
    assert run.returncode == 0, run
    assert running(simulator, "Test", ["Customer Portal", "Orders"]) == {"Customer Portal": "1.2.0", "Orders": "2.1.0"}
    assert "already in Test: Orders" in run.stdout, run
    assert len(simulator.state.deployments) == 1


def test_promote_validation_lists_every_problem_and_changes_nothing(playbook, simulator, tmp_path):
    manifest = tmp_path / "bad.yml"
    manifest.write_text(yaml.safe_dump({"applications": [
        {"name": "Orders", "version": "9.9.9"}, {"name": "Ghost App", "version": "1.0.0"}, {"name": "Inventory"}]}))
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={
        "source": "Development", "target": "Staging", "manifest_in": str(manifest), "deployment_zones": {"Nobody": "DMZ"}})
    assert run.returncode != 0
    for problem in ("promote_target_environment: environment 'Staging' not found. Valid environment names: Development, Production, Test.",
                    "application 'Ghost App' of the manifest does not exist",
                    "applications entry 3 (Inventory) has no version",
                    "version '9.9.9' of application 'Orders' not found",
                    "promote_deployment_zones: application 'Nobody' not found."):
        assert problem in run.stdout, (problem, run)
    assert "(5 problems)" in run.stdout
    assert simulator.mutating_requests() == []


def test_promote_same_environment_and_unknown_application(playbook, simulator):
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={
        "source": "Test", "target": "Test", "applications": ["Customer Portl", "HR Onboarding"]})
    assert run.returncode != 0
    assert "the target environment 'Test' is the source environment" in run.stdout
    assert "promote_applications: application 'Customer Portl' not found." in run.stdout
    assert "Did you mean 'Customer Portal'?" in run.stdout
    assert "application 'HR Onboarding' is not running in the source environment 'Test'" in run.stdout
    assert simulator.mutating_requests() == []


def test_promote_conflicts_fail_and_leave_no_plan(playbook, simulator):
    simulator.set_scenario("conflicts")
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={"source": "Development", "target": "Test",
                                                          "applications": ["Customer Portal"]})
    assert run.returncode != 0, run
    assert "onflict" in run.stdout
    assert [plan for plan in simulator.state.deployments if plan.status == "saved"] == []
    assert simulator.state.running_version("Test", "Customer Portal") == "1.1.0"


def test_promote_deployment_with_errors_fails_with_the_log(playbook, simulator):
    simulator.set_scenario("finished_with_errors")
    run = playbook(PLAYBOOKS / "promote.yml", extra_vars={"source": "Development", "target": "Test",
                                                          "applications": ["Mobile Banking"]})
    assert run.returncode != 0, run
    assert "finished_with_errors" in run.stdout


def test_pipeline_stops_before_production_unless_confirmed(playbook, simulator, tmp_path):
    manifest = tmp_path / "release.yml"
    run = playbook(PLAYBOOKS / "pipeline.yml", extra_vars={"manifest": str(manifest), "applications": ["Customer Portal", "Orders"]})
    assert run.returncode == 0, run
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.1"
    assert simulator.state.running_version("Production", "Customer Portal") == "1.0.0"
    assert "Stopped before Production" in run.stdout

    simulator.clear_requests()
    confirmed = playbook(PLAYBOOKS / "pipeline.yml", extra_vars={"manifest": str(manifest), "confirm_production": True,
                                                                 "applications": ["Customer Portal", "Orders"]})
    assert confirmed.returncode == 0, confirmed
    assert not [r for r in simulator.mutating_requests() if "versions" in r["path"]], "nothing tagged again"
    assert running(simulator, "Production", ["Customer Portal", "Orders"]) == {"Customer Portal": "1.2.1", "Orders": "2.1.0"}
    assert [(a["name"], a["version"]) for a in yaml.safe_load(manifest.read_text())["applications"]] == [
        ("Customer Portal", "1.2.1"), ("Orders", "2.1.0")]


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_tag_playbook_tags_and_is_idempotent(playbook, simulator, tmp_path, profile):
    simulator.set_profile(profile)
    manifest = tmp_path / "tags.yml"
    extra = {"environment_name": "Development", "applications": ["Customer Portal", "Inventory", "Orders"],
             "versions": {"Inventory": "1.1.0"}, "manifest_out": str(manifest)}
    run = playbook(PLAYBOOKS / "tag.yml", extra_vars=extra)
    assert run.returncode == 0, run
    assert running(simulator, "Development", ["Customer Portal", "Inventory", "Orders"]) == {
        "Customer Portal": "1.2.1", "Inventory": "1.1.0", "Orders": "2.1.0"}
    assert "Customer Portal: tagged 1.2.0 -> 1.2.1" in run.stdout and "Orders: unchanged 2.1.0" in run.stdout, run
    assert not simulator.state.is_modified("Development", "Customer Portal")
    assert [(a["name"], a["version"]) for a in yaml.safe_load(manifest.read_text())["applications"]] == [
        ("Customer Portal", "1.2.1"), ("Inventory", "1.1.0"), ("Orders", "2.1.0")]
    simulator.clear_requests()
    again = playbook(PLAYBOOKS / "tag.yml", extra_vars=extra)
    assert again.returncode == 0, again
    assert recap(again)["changed"] == 0
    assert simulator.mutating_requests() == []


def test_backup_playbook_writes_checksums_and_reruns_without_change(playbook, simulator, tmp_path):
    dest = tmp_path / "backup"
    extra = {"environment_name": "Production", "dest": str(dest), "applications": ["Customer Portal", "Orders"], "source_code": True}
    run = playbook(PLAYBOOKS / "backup.yml", extra_vars=extra)
    assert run.returncode == 0, run
    sums = dict(reversed(line.split("  ", 1)) for line in (dest / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == {"Customer_Portal.oap", "Orders.oap", "source/Customer_Portal_source.zip", "source/Orders_source.zip"}
    for name, digest in sums.items():
        assert hashlib.sha256((dest / name).read_bytes()).hexdigest() == digest
    manifest = yaml.safe_load((dest / "manifest.yml").read_text())
    assert [(a["name"], a["version"]) for a in manifest["applications"]] == [("Customer Portal", "1.0.0"), ("Orders", "2.0.0")]

    simulator.clear_requests()
    again = playbook(PLAYBOOKS / "backup.yml", extra_vars=extra)
    assert again.returncode == 0, again
    assert recap(again)["changed"] == 0, again
    assert not [r for r in simulator.requests() if "content" in r["path"] or "sourcecodeaccess" in r["path"]]

    (dest / "Orders.oap").write_bytes(b"damaged")
    third = playbook(PLAYBOOKS / "backup.yml", extra_vars=extra)
    assert third.returncode == 0, third
    assert hashlib.sha256((dest / "Orders.oap").read_bytes()).hexdigest() == sums["Orders.oap"]


def airgap_play(source, target, applications, workdir):
    """A play of the airgap role from (url, token) source, Development, to (url, token) target, Production."""
    role_vars = {"airgap_source": {"url": source[0], "token": source[1]}, "airgap_target": {"url": target[0], "token": target[1]},
                 "airgap_source_environment": "Development", "airgap_target_environment": "Production",
                 "airgap_applications": applications, "airgap_workdir": str(workdir)}
    play = {"name": "Air-gapped transfer", "hosts": "localhost", "gather_facts": False,
            "roles": [dict({"role": "outsystems.lifetime.airgap"}, vars=role_vars)]}
    return yaml.safe_dump([play], sort_keys=False)


@pytest.fixture
def second_infrastructure():
    from lifetime_simulator import Simulator

    other = Simulator(token="target-token", deploy_seconds=0.5)
    other.start()
    yield other
    other.stop()


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_airgap_role_moves_versions_to_another_infrastructure(playbook, simulator, second_infrastructure, tmp_path, profile):
    simulator.set_profile(profile)
    second_infrastructure.set_profile(profile)
    workdir = tmp_path / "packages"
    text = airgap_play((simulator.root_url, "demo-token"), (second_infrastructure.root_url, "target-token"),
                       ["Customer Portal", "Orders", "Inventory"], workdir)
    run = playbook(text, verbosity=3)
    assert run.returncode == 0, run
    assert "demo-token" not in run.output and "target-token" not in run.output
    assert running(second_infrastructure, "Production", ["Customer Portal", "Orders", "Inventory"]) == {
        "Customer Portal": "1.2.0", "Orders": "2.1.0", "Inventory": "1.0.0"}
    assert sorted(path.name for path in workdir.iterdir()) == ["Customer_Portal_1.2.0.oap", "Orders_2.1.0.oap"]
    assert simulator.mutating_requests() == [] or all(r["method"] == "POST" for r in simulator.mutating_requests())

    second_infrastructure.clear_requests()
    again = playbook(text)
    assert again.returncode == 0, again
    assert recap(again)["changed"] == 0
    assert second_infrastructure.mutating_requests() == []


def test_airgap_role_creates_an_application_the_target_never_had(playbook, simulator, tmp_path):
    from lifetime_simulator import Simulator

    source = Simulator(token="source-token", deploy_seconds=0.5, seed_apps=1)
    source.start()
    try:
        text = airgap_play((source.root_url, "source-token"), (simulator.root_url, "demo-token"), ["App 0001"], tmp_path / "packages")
        assert simulator.state.find_app("App 0001") is None
        run = playbook(text)
        assert run.returncode == 0, run
        assert simulator.state.running_version("Production", "App 0001") == "1.0.0"
        assert simulator.state.find_app("App 0001").key == source.state.find_app("App 0001").key

        simulator.clear_requests()
        again = playbook(text)
        assert again.returncode == 0, again
        assert recap(again)["changed"] == 0 and simulator.mutating_requests() == []
    finally:
        source.stop()


def plan_order(infrastructure):
    """The application of each deployment plan, in the order the plans were created."""
    with infrastructure.state.lock:
        return [infrastructure.state.apps[plan.operations[0]["app_key"]].name for plan in infrastructure.state.plans.values()]


def ordered_airgap_play(simulator, target, applications, workdir, order=True):
    play = yaml.safe_load(airgap_play((simulator.root_url, "demo-token"), (target.root_url, "target-token"), applications, workdir))
    play[0]["roles"][0]["vars"].update(airgap_dependency_order=order, airgap_probe={"url": simulator.root_url, "key": "probe-key"})
    return yaml.safe_dump(play, sort_keys=False)


def test_airgap_role_deploys_producers_before_their_consumers(playbook, simulator, second_infrastructure, tmp_path):
    simulator.probe.configure({"key": "probe-key"})
    apps = ["Orders", "Customer Portal", "Shared Components", "Inventory"]
    run = playbook(ordered_airgap_play(simulator, second_infrastructure, apps, tmp_path / "packages"))
    assert run.returncode == 0, run
    # Shared Components produces for Customer Portal and Orders (the probe of the source, asked about the versions moved);
    # Inventory runs the same version in the target and does not move.
    assert plan_order(second_infrastructure) == ["Shared Components", "Customer Portal", "Orders"]
    asked = [(r["query"]["ApplicationName"], r["query"]["ApplicationVersion"]) for r in simulator.requests()
             if r["path"].endswith("/GetApplicationDependencies")]
    assert sorted(asked) == [("Customer Portal", "1.2.0"), ("Orders", "2.1.0"), ("Shared Components", "1.1.0")]
    assert running(second_infrastructure, "Production", apps[:3]) == {"Orders": "2.1.0", "Customer Portal": "1.2.0", "Shared Components": "1.1.0"}
    assert "probe-key" not in run.output


def test_airgap_role_without_dependency_order_keeps_the_sources_order(playbook, simulator, second_infrastructure, tmp_path):
    run = playbook(ordered_airgap_play(simulator, second_infrastructure, ["Orders", "Shared Components"], tmp_path / "packages", order=False))
    assert run.returncode == 0, run
    assert plan_order(second_infrastructure) == ["Orders", "Shared Components"]
    assert not [r for r in simulator.requests() if r["path"].startswith("/CI_CDProbe/")]


def test_airgap_role_stops_on_a_dependency_cycle_before_anything_moves(playbook, simulator, second_infrastructure, tmp_path):
    simulator.probe.configure({"key": "probe-key", "dependencies": {"Shared Components": ["Customer Portal"]}})
    run = playbook(ordered_airgap_play(simulator, second_infrastructure, ["Orders", "Customer Portal", "Shared Components"],
                                       tmp_path / "packages"))
    assert run.returncode != 0, run
    assert "Customer Portal -> Shared Components -> Customer Portal" in run.stdout, run
    assert second_infrastructure.mutating_requests() == [] and not (tmp_path / "packages").exists()


def test_pipeline_bdd_gate_stops_before_production_when_a_test_fails(playbook, simulator, tmp_path):
    import json
    from xml.etree import ElementTree

    manifest, report = tmp_path / "release.yml", tmp_path / "junit-result.xml"
    extra = {"manifest": str(manifest), "applications": ["Orders", "Inventory"], "confirm_production": True, "bdd_gate": True,
             "bdd_junit": str(report)}
    production = simulator.state.find_env("Production").key
    before = running(simulator, "Production", ["Orders", "Inventory"])

    run = playbook(PLAYBOOKS / "pipeline.yml", env={"CICD_PROBE_URL": simulator.root_url}, extra_vars=extra)

    assert run.returncode != 0, run
    assert "BDD gate: 1 of 3 BDD tests did not pass (1 failed, 0 errors): test_InventoryTests__StockLevels" in run.stdout, run
    assert '"BDD tests in Test: 1 of 3 BDD tests did not pass' in run.stdout, "the role's report names the gate's result"
    assert manifest.exists(), "the Test stage wrote its manifest before the gate stopped the pipeline"
    assert simulator.state.running_version("Test", "Inventory") == "1.0.1", "the first play deployed to Test"
    assert running(simulator, "Production", ["Orders", "Inventory"]) == before
    assert [r for r in simulator.mutating_requests() if production in json.dumps(r)] == [], "zero mutating requests to Production"
    suite = ElementTree.parse(str(report)).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "0")

    simulator.clear_requests()
    passing = playbook(PLAYBOOKS / "pipeline.yml", env={"CICD_PROBE_URL": simulator.root_url},
                       extra_vars=dict(extra, applications=["Customer Portal", "Orders"], bdd_probe_version=2, bdd_parallel=2))
    assert passing.returncode == 0, passing
    assert running(simulator, "Production", ["Customer Portal", "Orders"]) == {"Customer Portal": "1.2.1", "Orders": "2.1.0"}
    suite = ElementTree.parse(str(report)).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "0", "0")
    # the gate's result is reported (and is in promote_summary.gates, what the notifications send)
    assert '"BDD tests in Test: All 4 BDD tests passed' in passing.stdout, passing.stdout


def test_pipeline_bdd_gate_runs_only_the_test_applications_the_manifest_marks(playbook, simulator, tmp_path):
    from xml.etree import ElementTree

    release, report = tmp_path / "release-in.yml", tmp_path / "junit-result.xml"
    release.write_text(yaml.safe_dump({"applications": [
        {"name": "Orders", "version": "2.1.0"}, {"name": "Inventory", "version": "1.0.0", "is_test_application": True}]}))
    run = playbook(PLAYBOOKS / "pipeline.yml", env={"CICD_PROBE_URL": simulator.root_url}, extra_vars={
        "manifest_in": str(release), "manifest": str(tmp_path / "release.yml"), "bdd_gate": True, "bdd_junit": str(report)})
    assert run.returncode != 0, run
    cases = [case.get("name") for case in ElementTree.parse(str(report)).getroot().iter("testcase")]
    assert cases == ["test_InventoryTests__StockLevels"], "only the test application's tests ran"
    assert [r["path"].rsplit("/", 2)[-2:] for r in simulator.requests() if "BDDTestRunner" in r["path"]] == [["InventoryTests", "StockLevels"]]
