"""The roles' summaries for notifications (promote_summary, tag_summary, airgap_summary, backup_summary): one schema,
set by real ansible-playbook runs against the simulator."""

import json

import yaml

# The keys every role's summary has (roles/*/README.md, "Summary"); backup adds destination.
COMMON = {"role", "status", "changed", "check_mode", "source_environment", "target_environment", "plan_key", "applications",
          "unchanged", "gates", "started", "duration"}


def summaries_play(simulator, tmp_path, only=("tag", "promote", "airgap", "backup")):
    """One play: tag Development, promote Customer Portal to Test, move Orders to Production (airgap, same server), back
    up Production (or only some of them); then write their summaries to summaries.json."""
    infrastructure = {"url": simulator.root_url, "token": "demo-token"}
    roles = [
        ("tag", {"tag_environment": "Development", "tag_applications": ["Customer Portal", "Orders"]}),
        ("promote", {"promote_source_environment": "Development", "promote_target_environment": "Test",
                     "promote_applications": ["Customer Portal"], "promote_name_versions": True}),
        ("airgap", {"airgap_source": infrastructure, "airgap_target": infrastructure, "airgap_source_environment": "Development",
                    "airgap_target_environment": "Production", "airgap_applications": ["Orders"],
                    "airgap_workdir": str(tmp_path / "packages")}),
        ("backup", {"backup_environment": "Production", "backup_applications": ["Customer Portal", "Orders"],
                    "backup_dest": str(tmp_path / "backup")}),
    ]
    tasks = [{"name": "Run %s" % role, "ansible.builtin.include_role": {"name": "outsystems.lifetime.%s" % role}, "vars": role_vars}
             for role, role_vars in roles if role in only]
    summaries = ", ".join("'%s': %s_summary" % (role, role) for role in only)
    tasks.append({"name": "Write the summaries", "check_mode": False, "ansible.builtin.copy": {
        "dest": str(tmp_path / "summaries.json"), "mode": "0644", "content": "{{ {%s} | to_json }}" % summaries}})
    return yaml.safe_dump([{"name": "Summaries", "hosts": "localhost", "gather_facts": False, "tasks": tasks}], sort_keys=False)


def moved(summary):
    return [(app["name"], app["from_version"], app["to_version"]) for app in summary["applications"]]


def test_each_role_returns_what_moved_in_one_schema_predicted_by_check_mode_and_empty_on_a_second_run(playbook, simulator, tmp_path):
    # The airgap and backup roles cannot run in check mode into a folder that does not exist yet.
    check = playbook(summaries_play(simulator, tmp_path, only=("tag", "promote")), check=True)
    assert check.returncode == 0, check
    predicted = json.loads((tmp_path / "summaries.json").read_text())
    assert simulator.mutating_requests() == []
    assert all(summary["check_mode"] and not summary["changed"] for summary in predicted.values()), predicted
    assert moved(predicted["tag"]) == [("Customer Portal", "1.2.0", "1.2.1")]
    assert moved(predicted["promote"]) == [("Customer Portal", "1.1.0", "1.2.0")], "the version Development runs: nothing was tagged"

    run = playbook(summaries_play(simulator, tmp_path))
    assert run.returncode == 0, run
    summaries = json.loads((tmp_path / "summaries.json").read_text())

    for role, summary in summaries.items():
        assert COMMON <= set(summary), role
        assert summary["role"] == role and summary["changed"] is True and summary["check_mode"] is False
        assert isinstance(summary["duration"], float) and 0 < summary["duration"] < 120, summary
        assert summary["started"].endswith("Z") and summary["started"][:2] == "20"

    tag = summaries["tag"]
    assert (tag["status"], tag["source_environment"], tag["target_environment"]) == ("tagged", "Development", None)
    assert moved(tag) == [("Customer Portal", "1.2.0", "1.2.1")]
    assert [(app["name"], app["version"]) for app in tag["unchanged"]] == [("Orders", "2.1.0")]

    promote = summaries["promote"]
    assert promote["status"] == "finished_successful" and promote["gates"] == []
    assert (promote["source_environment"], promote["target_environment"]) == ("Development", "Test")
    assert moved(promote) == [("Customer Portal", "1.1.0", "1.2.1")]
    assert [app["key"] for app in promote["applications"]] == [simulator.state.find_app("Customer Portal").key]
    assert promote["plan_key"] in [plan.key for plan in simulator.state.deployments if plan.status == "finished_successful"]

    airgap = summaries["airgap"]
    assert (airgap["status"], airgap["target_environment"]) == ("deployed", "Production")
    assert moved(airgap) == [("Orders", "2.0.0", "2.1.0")]
    assert airgap["applications"][0]["plan_key"] in [plan.key for plan in simulator.state.deployments]
    assert simulator.state.running_version("Production", "Orders") == "2.1.0"

    backup = summaries["backup"]
    assert (backup["status"], backup["destination"]) == ("downloaded", str(tmp_path / "backup"))
    assert moved(backup) == [("Customer Portal", None, "1.0.0"), ("Orders", None, "2.1.0")]

    again = playbook(summaries_play(simulator, tmp_path))
    assert again.returncode == 0, again
    summaries = json.loads((tmp_path / "summaries.json").read_text())
    assert {role: (summary["status"], summary["changed"], summary["applications"]) for role, summary in summaries.items()} == {
        "tag": ("nothing to tag", False, []), "promote": ("nothing to deploy", False, []),
        "airgap": ("nothing to deploy", False, []), "backup": ("unchanged", False, [])}
    assert summaries["promote"]["plan_key"] is None
    # LifeTime names running versions by key only: a version that did not move is named when the run read its name.
    assert [app["name"] for app in summaries["promote"]["unchanged"]] == ["Customer Portal"]
    assert [(app["name"], app["version"]) for app in summaries["backup"]["unchanged"]] == [("Customer Portal", "1.0.0"), ("Orders", "2.1.0")]
