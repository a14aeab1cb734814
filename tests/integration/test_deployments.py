"""A promotion with outsystems.lifetime.deployment in a real playbook against the simulator."""

import json

import pytest
from lifetime_simulator.profiles import PROFILES

PROMOTION = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Promote Customer Portal and Mobile Banking to Test
      outsystems.lifetime.deployment:
        source_environment: Development
        target_environment: Test
        applications:
          - Customer Portal
          - name: Mobile Banking
            version: "3.1.0"
        notes: integration test
        wait_timeout: 120
      register: promotion

    - name: Promote again (nothing left to deploy)
      outsystems.lifetime.deployment:
        source_environment: Development
        target_environment: Test
        applications: [Customer Portal, {name: Mobile Banking, version: "3.1.0"}]
      register: again

    - name: Read the plan
      outsystems.lifetime.deployment_info:
        key: "{{ promotion.key }}"
      register: info

    - ansible.builtin.debug:
        msg: "RESULT={{ {'promotion': promotion, 'again': again, 'info': info} | to_json }}"
"""


def result_of(run):
    for line in run.stdout.splitlines():
        line = line.strip()
        if line.startswith('"msg": "RESULT='):
            return json.loads(json.loads(line.split(": ", 1)[1]).split("=", 1)[1])
    raise AssertionError("no RESULT in output: %r" % run)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_promotion_playbook(playbook, simulator, profile):
    simulator.set_profile(profile)
    check = playbook(PROMOTION.split("    - name: Promote again", maxsplit=1)[0], check=True)
    assert check.returncode == 0, check
    assert simulator.mutating_requests() == []
    assert "changed=1" in check.stdout

    run = playbook(PROMOTION)
    assert run.returncode == 0, run
    results = result_of(run)
    promotion, again, info = results["promotion"], results["again"], results["info"]
    assert promotion["changed"] and promotion["status"] == "finished_successful"
    assert promotion["started"] and promotion["created"]
    assert sorted(app["to_version"] for app in promotion["applications_to_deploy"]) == ["1.2.0", "3.1.0"]
    assert again["changed"] is False and len(again["skipped_applications"]) == 2
    assert info["deployments"][0]["status"] == "finished_successful"
    assert "modified in 'Development'" in run.output  # the warning about Customer Portal is shown
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"
    assert simulator.state.running_version("Test", "Mobile Banking") == "3.1.0"
    assert len(simulator.state.deployments) == 1
    assert info["deployments"][0]["started_on"] and info["deployments"][0]["aborted_on"] is None
    assert promotion["plan"]["started_on"] is None and promotion["durations"]["seconds"] is not None


DB_MAPPING = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Promote an application whose extension needs its logical database mapped in Test
      outsystems.lifetime.deployment:
        source_environment: Development
        target_environment: Test
        applications: [Customer Portal]
        db_mappings:
          - {extension: ERPConnector, logical_database: ERP, database: ERPConnection}
        wait_timeout: 120
      register: mapped

    - ansible.builtin.debug:
        msg: "RESULT={{ {'mapped': mapped} | to_json }}"
"""


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_db_mapping_playbook(playbook, simulator, profile):
    simulator.set_profile(profile)
    simulator.set_scenario("db_mappings")
    run = playbook(DB_MAPPING)
    assert run.returncode == 0, run
    mapped = result_of(run)["mapped"]
    assert mapped["changed"] and mapped["status"] == "finished_successful", mapped
    commands = [r["path"].rstrip("/").rsplit("/", 1)[-1] for r in simulator.mutating_requests()]
    assert commands == ["deployments", "start", "configuration"], "LifeTime resumes the plan after the mapping: no continue"
    assert simulator.state.running_version("Test", "Customer Portal") == "1.2.0"


def test_failed_promotion_reports_key_and_log(playbook, simulator):
    simulator.set_scenario("finished_with_errors")
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - outsystems.lifetime.deployment:
                source_environment: Development
                target_environment: Test
                applications: [Customer Portal]
        """)
    assert run.returncode != 0
    key = simulator.state.deployments[0].key
    assert key in run.output and "finished_with_errors" in run.output and "error publishing module" in run.output
