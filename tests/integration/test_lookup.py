"""The lookup plugin outsystems.lifetime.lifetime in real playbooks against the simulator."""

import base64
import json
import re

import pytest
import requests


def api_get(simulator, path, **params):
    """What LifeTime (the simulator) holds, read directly over HTTP (works on every ansible-core line)."""
    response = requests.get(simulator.base_url.rstrip("/") + "/" + path, params=params,
                            headers={"Authorization": "Bearer demo-token"}, timeout=30)
    response.raise_for_status()
    return response.json()


def values(run):
    """The values printed by the debug tasks as LOOKUP=<base64 of JSON>, in order."""
    return [json.loads(base64.b64decode(found)) for found in re.findall(r"LOOKUP=([A-Za-z0-9+/=]+)", run.stdout)]


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_records_keys_and_running_versions(playbook, simulator, profile):
    """running_version gives the label whether LifeTime sends BaseApplicationVersionLabel (swagger) or not (documented)."""
    simulator.set_profile(profile)
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - ansible.builtin.debug:
                msg: "LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'environment', 'Production', field='key') | to_json | b64encode }}"
            - ansible.builtin.debug:
                msg: "LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'running_version', 'Orders', environment='Production') | to_json | b64encode }}"
            - ansible.builtin.debug:
                msg: "LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'application', 'orders').name | to_json | b64encode }}"
            - ansible.builtin.debug:
                msg: "LOOKUP={{ query('outsystems.lifetime.lifetime', 'environment', 'Development', 'Test', field='name') | to_json | b64encode }}"
            - ansible.builtin.debug:
                msg: >-
                  LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'application_status', 'Customer Portal',
                  environment='Development', field='is_modified') | to_json | b64encode }}
            - ansible.builtin.debug:
                msg: >-
                  LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'deployment_zone', 'DMZ',
                  environment='Test', field='is_default') | to_json | b64encode }}
            - ansible.builtin.debug:
                msg: "LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'running_version', 'Customer Portal', environment='Test') | to_json | b64encode }}"
        """)
    assert run.returncode == 0, run
    production_key = [env["Key"] for env in api_get(simulator, "environments/") if env["Name"] == "Production"][0]
    assert values(run) == [production_key, "2.0.0", "Orders", ["Development", "Test"], True, False, "1.1.0"]
    assert not simulator.mutating_requests()
    version_lists = [r for r in simulator.requests() if r["path"].rstrip("/").endswith("/versions")]
    # One versions read per running_version / application_status answer, none when LifeTime sends the labels.
    assert len(version_lists) == (0 if profile == "swagger" else 3), version_lists


def test_explicit_connection_options_override_environment(playbook, simulator):
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - ansible.builtin.debug:
                msg: >-
                  LOOKUP={{ lookup('outsystems.lifetime.lifetime', 'environment', 'Test', field='name',
                  lifetime_url=url, lifetime_token='demo-token') | to_json | b64encode }}
        """, env={"LIFETIME_URL": "http://127.0.0.1:9", "LIFETIME_TOKEN": "not-the-token"}, extra_vars={"url": simulator.root_url})
    assert run.returncode == 0, run
    assert values(run) == ["Test"]


def test_unknown_name_fails_with_the_valid_names(playbook):
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - ansible.builtin.debug:
                msg: "{{ lookup('outsystems.lifetime.lifetime', 'application', 'Ordrs') }}"
        """)
    assert run.returncode != 0
    assert "application 'Ordrs' not found" in run.output
    assert "Customer Portal, HR Onboarding, Inventory, Mobile Banking, Orders, Shared Components" in run.output
    assert "Did you mean 'Orders'?" in run.output


def test_bad_kind_missing_environment_and_not_running(playbook):
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - ansible.builtin.debug:
                msg: "{{ lookup('outsystems.lifetime.lifetime', 'aplication', 'Orders') }}"
              ignore_errors: true
            - ansible.builtin.debug:
                msg: "{{ lookup('outsystems.lifetime.lifetime', 'running_version', 'Orders') }}"
              ignore_errors: true
            - ansible.builtin.debug:
                msg: "{{ lookup('outsystems.lifetime.lifetime', 'running_version', 'HR Onboarding', environment='Production') }}"
              ignore_errors: true
            - ansible.builtin.debug:
                msg: "{{ lookup('outsystems.lifetime.lifetime', 'environment', 'Test', field='hostname') }}"
              ignore_errors: true
        """)
    assert run.returncode == 0, run
    assert "ignored=4" in run.stdout
    assert "kind 'aplication' is not valid: use one of environment, application" in run.output
    assert "kind 'running_version' needs environment=" in run.output
    assert "application 'HR Onboarding' is not running in environment 'Production'" in run.output
    assert "field 'hostname' is not in the environment record. Valid fields:" in run.output and "host_name" in run.output


def test_missing_connection_names_option_and_variable(playbook):
    run = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - ansible.builtin.debug:
                msg: "{{ lookup('outsystems.lifetime.lifetime', 'environment', 'Test') }}"
        """, env={"LIFETIME_URL": "", "LIFETIME_TOKEN": ""})
    assert run.returncode != 0
    assert "lifetime_url" in run.output and "LIFETIME_URL" in run.output
