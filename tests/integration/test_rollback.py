"""Role rollback through playbooks/rollback.yml, with real ansible-playbook runs against the simulator: a web and a mobile
application rolled back after a bad release, check mode predicting the real run exactly, a second run changing nothing,
and every refusal failing before any change (zero mutating requests)."""

import json
import re

import pytest
import yaml

from testlib.collection import REPO
from testlib.playbooks import recap

PLAYBOOK = REPO / "playbooks" / "rollback.yml"


def summary(run):
    """The lines of the role's last message (the rollback summary)."""
    block = run.stdout.split('TASK [outsystems.lifetime.rollback : Show the rollback]')[-1]
    return re.findall(r'^\s+"(.*)",?$', block.split("PLAY RECAP")[0], re.MULTILINE)


def bad_release(run, simulator, apps):
    """Test -> Production of what Test runs (Mobile Banking first reaches Test): Production ran the earlier versions."""
    run("deployment", source_environment="Development", target_environment="Test", applications=["Mobile Banking"])
    result = run("deployment", source_environment="Test", target_environment="Production", applications=apps)
    assert result["status"] == "finished_successful", result
    simulator.clear_requests()


def test_web_and_mobile_rollback_from_the_manifest_predicted_by_check_mode_and_idempotent(run, playbook, simulator, tmp_path):
    bad_release(run, simulator, ["Orders", "Mobile Banking"])
    manifest = tmp_path / "release.yml"
    manifest.write_text(yaml.safe_dump({"applications": [
        {"name": "Orders", "version": "2.1.0", "from_version": "2.0.0"},
        {"name": "Mobile Banking", "version": "3.1.0", "from_version": "3.0.0"}]}))
    extra = {"target": "Production", "manifest": str(manifest)}

    check = playbook(PLAYBOOK, extra_vars=extra, check=True)
    assert check.returncode == 0, check
    assert simulator.mutating_requests() == []
    predicted = summary(check)
    assert predicted == ["Production from Test: check mode, nothing changed",
                         "Orders: 2.1.0 -> 2.0.0 (tag 2.1.1 = 2.0.0 in Test, deploy 2.1.1)",
                         "Mobile Banking: 3.1.0 -> 3.0.0 (deploy 3.0.0)"], check.stdout

    real = playbook(PLAYBOOK, extra_vars=extra)
    assert real.returncode == 0, real
    done = summary(real)
    plans = simulator.state.deployments
    assert len(plans) == 3, "the bad release's two plans and one rollback plan"
    assert done[0] == "Production from Test: finished_successful (plan %s)" % plans[-1].key
    assert done[1:] == predicted[1:], real.stdout  # what was tagged and deployed is what check mode showed
    orders = simulator.state.find_app("Orders")
    assert simulator.state.running_version("Production", "Orders") == "2.1.1"
    assert orders.version_by_label("2.1.1").module_version_keys == orders.version_by_label("2.0.0").module_version_keys
    assert orders.version_by_label("2.1.1").change_log == "Rollback of Orders in Production to version 2.0.0 (from 2.1.0)"
    assert simulator.state.running_version("Production", "Mobile Banking") == "3.0.0"
    tags = [r for r in simulator.mutating_requests() if r["path"].endswith("/versions/")]
    assert [r["body"]["ModuleVersionKeys"] for r in tags] == [orders.version_by_label("2.0.0").module_version_keys]

    simulator.clear_requests()
    again = playbook(PLAYBOOK, extra_vars=extra)
    assert again.returncode == 0, again
    assert recap(again)["changed"] == 0, again
    assert simulator.mutating_requests() == []
    assert summary(again) == ["Production from Test: nothing to roll back",
                              "Orders: 2.1.1 -> 2.0.0 (already rolled back)",
                              "Mobile Banking: 3.0.0 -> 3.0.0 (already rolled back)"], again.stdout


def test_mobile_rollback_from_explicit_versions_predicted_by_check_mode_and_idempotent(run, playbook, simulator, tmp_path):
    bad_release(run, simulator, ["Mobile Banking"])
    extra = {"target": "Production", "applications": {"Mobile Banking": "3.0.0"}}
    check = playbook(PLAYBOOK, extra_vars=extra, check=True)
    assert check.returncode == 0, check
    assert simulator.mutating_requests() == []
    assert summary(check) == ["Production from Test: check mode, nothing changed", "Mobile Banking: 3.1.0 -> 3.0.0 (deploy 3.0.0)"]
    assert "TASK [outsystems.lifetime.rollback : Deploy the versions" in check.stdout and "skipping" not in check.stdout.split(
        "Deploy the versions")[1].split("TASK")[0], "with nothing to tag, check mode runs the deployment module in check mode too"

    real = playbook(PLAYBOOK, extra_vars=extra)
    assert real.returncode == 0, real
    assert summary(real)[1:] == summary(check)[1:]
    assert simulator.state.running_version("Production", "Mobile Banking") == "3.0.0"
    [create] = [r for r in simulator.mutating_requests() if r["path"].rstrip("/") == "/lifetimeapi/rest/v2/deployments"]
    assert [op["ApplicationVersionKey"] for op in create["body"]["ApplicationOperations"]] == [
        simulator.state.find_app("Mobile Banking").version_by_label("3.0.0").key]
    assert not [r for r in simulator.mutating_requests() if r["path"].endswith("/versions/")], "a mobile application is not tagged"

    simulator.clear_requests()
    again = playbook(ROLE_WITH_SUMMARY, extra_vars={"rollback_target_environment": "Production", "summary_file": str(tmp_path / "summary.json"),
                                                    "rollback_applications": {"Mobile Banking": "3.0.0"}})
    assert again.returncode == 0 and recap(again)["changed"] == 0, again
    assert simulator.mutating_requests() == []
    shown = json.loads((tmp_path / "summary.json").read_text())
    assert {key: shown[key] for key in ("role", "status", "changed", "check_mode", "source_environment", "target_environment",
                                        "plan_key", "applications", "gates")} == {
        "role": "rollback", "status": "nothing to roll back", "changed": False, "check_mode": False, "source_environment": "Test",
        "target_environment": "Production", "plan_key": None, "applications": [], "gates": []}
    assert [(item["name"], item["version"]) for item in shown["unchanged"]] == [("Mobile Banking", "3.0.0")]
    assert shown["started"].endswith("Z") and float(shown["duration"]) >= 0


ROLE_WITH_SUMMARY = """
- hosts: localhost
  gather_facts: false
  roles:
    - outsystems.lifetime.rollback
  post_tasks:
    - ansible.builtin.copy:
        content: "{{ rollback_summary | to_json }}"
        dest: "{{ summary_file }}"
        mode: "0644"
      changed_when: false  # the test's own file, not LifeTime
"""


def delete_version(simulator, app, label):
    application = simulator.state.find_app(app)
    application.versions.remove(application.version_by_label(label))


def hotfixes_in_production(run, simulator):
    """Inventory 1.0.1 and 1.0.2 tagged in Production alone (hotfixes): no other environment ever ran 1.0.1."""
    inventory = simulator.state.find_app("Inventory")
    production = simulator.state.find_env("Production").key
    for label in ("1.0.1", "1.0.2"):
        inventory.status[production].modified = True
        assert run("application_version", application="Inventory", environment="Production", version=label)["tagged"]


def plan_under_way(run, simulator):
    simulator.state.deploy_seconds = 600
    started = run("deployment", source_environment="Test", target_environment="Production", applications=["Customer Portal"], wait=False)
    assert started["status"] == "running", started


@pytest.mark.parametrize("case, applications, prepare, message", [
    ("deleted", {"Orders": "2.0.0"}, lambda run, sim: delete_version(sim, "Orders", "2.0.0"),
     "application 'Orders': version 2.0.0 no longer exists (it was deleted)"),
    ("no environment holds it", {"Inventory": "1.0.1"}, hotfixes_in_production,
     "application 'Inventory': no environment has the module versions of version 1.0.1"),
    ("plan running", {"Orders": "2.0.0"}, plan_under_way,
     "a deployment plan to 'Production' is running (plan "),
])
def test_refusals_fail_before_any_change_naming_the_application(run, playbook, simulator, case, applications, prepare, message):
    bad_release(run, simulator, ["Orders"])
    prepare(run, simulator)
    simulator.clear_requests()
    versions = dict((app.name, [v.version for v in app.versions]) for app in simulator.state.apps.values())
    refused = playbook(PLAYBOOK, extra_vars={"target": "Production", "applications": applications})
    assert refused.returncode != 0, refused
    assert message in refused.stdout, refused.stdout
    assert "nothing was changed" in refused.stdout
    if case == "plan running":
        assert "'Orders' cannot be rolled back until it ends" in refused.stdout
    assert simulator.mutating_requests() == [], case
    assert dict((app.name, [v.version for v in app.versions]) for app in simulator.state.apps.values()) == versions
