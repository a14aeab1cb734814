"""The application life cycle with real ansible-playbook: create, block, tag, inspect, download."""

import hashlib
import json
import zipfile

PLAY = """
- hosts: localhost
  gather_facts: false
  vars:
    out: "{{ out_dir }}"
  tasks:
    - name: An application
      outsystems.lifetime.application:
        name: Claims
        environment: Development
        template: Reactive Web App
        team: Backoffice
        configurations:
          - environment: Production
            blocked: true
            reason: Not ready
      register: claims

    - name: Tag what runs in Development
      outsystems.lifetime.application_version:
        application: Customer Portal
        environment: Development
        bump: minor
        change_log: From the playbook
      register: tagged

    - name: The versions, newest first
      outsystems.lifetime.application_version_info:
        application: Customer Portal
      register: versions

    - name: The new version is the newest
      ansible.builtin.assert:
        that:
          - versions.versions[0].version == tagged.version
          - versions.versions[0].change_log == 'From the playbook'
          - claims.key | length == 36

    - name: Its package
      outsystems.lifetime.application_package:
        application: Customer Portal
        version: "{{ tagged.version }}"
        dest: "{{ out }}"
      register: package

    - name: Source code of what runs in Test
      outsystems.lifetime.source_code:
        application: Orders
        environment: Test
        dest: "{{ out }}/orders-source.zip"
        wait_timeout: 60

    - name: A solution of two applications in Test
      outsystems.lifetime.solution:
        environment: Test
        applications: [Orders, Customer Portal]
        name: Release
        dest: "{{ out }}"
        wait_timeout: 60

    - name: Write what the play learnt
      ansible.builtin.copy:
        dest: "{{ out }}/result.json"
        content: "{{ {'version': tagged.version, 'package': package.path, 'sha256': package.sha256} | to_json }}"
"""


def test_application_life_cycle_play_then_idempotent(playbook, simulator, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    first = playbook(PLAY, extra_vars={"out_dir": str(out)})
    assert first.returncode == 0, first
    assert "failed=0" in first.stdout, first
    result = json.loads((out / "result.json").read_text())
    assert result["version"] == "1.3.0"
    state = simulator.state
    assert state.running_version("Development", "Customer Portal") == "1.3.0"
    assert state.find_app("Claims").blocked[state.find_env("Production").key] == (True, "Not ready")
    package = out / "Customer Portal_1.3.0.oap"
    assert result["package"] == str(package) and hashlib.sha256(package.read_bytes()).hexdigest() == result["sha256"]
    assert zipfile.is_zipfile(out / "orders-source.zip") and zipfile.is_zipfile(out / "Release.osp")

    simulator.clear_requests()
    second = playbook(PLAY, extra_vars={"out_dir": str(out)})
    assert second.returncode == 0, second
    assert "changed=0" in second.stdout, second
    assert simulator.mutating_requests() == []


def check_mode_play():
    """The play's tasks that change something, with the package of an existing version (nothing is tagged in check mode)."""
    tasks = PLAY.split("\n    - name: ")
    keep = [task for task in tasks[1:] if task.split("\n")[1].strip().split(":")[0] in (
        "outsystems.lifetime.application", "outsystems.lifetime.application_version", "outsystems.lifetime.application_package",
        "outsystems.lifetime.source_code", "outsystems.lifetime.solution")]
    assert len(keep) == 5
    play = "\n    - name: ".join([tasks[0]] + keep)
    return play.replace('version: "{{ tagged.version }}"', 'version: "1.1.0"')


def test_check_mode_play_changes_nothing(playbook, simulator, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    run = playbook(check_mode_play(), check=True, diff=True, extra_vars={"out_dir": str(out)})
    assert run.returncode == 0, run
    assert "changed=5" in run.stdout, run
    assert simulator.mutating_requests() == []
    assert simulator.state.find_app("Claims") is None
    assert "1.3.0" not in [version.version for version in simulator.state.find_app("Customer Portal").versions]
    assert list(out.iterdir()) == []


def test_failure_names_the_valid_choices(playbook, simulator):
    play = """
    - hosts: localhost
      gather_facts: false
      tasks:
        - outsystems.lifetime.application_version:
            application: Customer Portal
            environment: Development
            version: "1.0.0"
    """
    run = playbook(play)
    assert run.returncode != 0
    assert "version '1.0.0' already exists" in run.stdout and "the highest version is 1.2.0" in run.stdout, run
    assert simulator.mutating_requests() == []
