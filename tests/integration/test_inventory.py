"""The inventory plugin outsystems.lifetime.lifetime with real ansible-inventory / ansible-playbook."""

import json
import os
import subprocess

import pytest
import requests

from testlib.collection import BIN

TOKEN = "demo-token"


def inventory(installed_collection, simulator, tmp_path, text, env=None, name="infra.lifetime.yml", args=("--list",)):
    source = tmp_path / name
    source.write_text(text)
    environment = dict(os.environ)
    for variable in [name for name in environment if name.startswith("LIFETIME_")]:
        del environment[variable]
    environment.update({
        "ANSIBLE_COLLECTIONS_PATH": str(installed_collection),
        "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
        "ANSIBLE_INVENTORY_ENABLED": "outsystems.lifetime.lifetime",
    })
    environment.update(env or {})
    completed = subprocess.run([str(BIN / "ansible-inventory"), "-i", str(source)] + list(args),
                               capture_output=True, text=True, env=environment, cwd=str(tmp_path), timeout=120, check=False)
    return completed


def plain(value):
    """ansible-inventory marks untrusted strings as {"__ansible_unsafe": ...}; strip that."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((key, plain(item)) for key, item in value.items())
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def api_get(simulator, path, **params):
    """What LifeTime (the simulator) holds, read directly over HTTP."""
    response = requests.get(simulator.base_url.rstrip("/") + "/" + path, params=params,
                            headers={"Authorization": "Bearer " + TOKEN}, timeout=30)
    response.raise_for_status()
    return response.json()


def env_vars(simulator):
    return {"LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": TOKEN}


def test_bare_file_uses_lifetime_environment_variables(installed_collection, simulator, tmp_path):
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n", env=env_vars(simulator))
    assert run.returncode == 0, run.stderr
    data = plain(json.loads(run.stdout))
    hostvars = data["_meta"]["hostvars"]
    assert sorted(hostvars) == ["Development", "Production", "Test"]
    assert data["production"]["hosts"] == ["Production"]
    assert data["test"]["hosts"] == ["Test"]
    assert data["development"]["hosts"] == ["Development"]
    assert sorted(data["lifetime"]["hosts"]) == ["Development", "Production", "Test"]

    production = hostvars["Production"]
    assert production["ansible_connection"] == "local"
    assert production["ansible_host"] == production["lifetime_host_name"]
    assert production["lifetime_environment_name"] == "Production"
    assert production["lifetime_environment_type"] == "Production"
    assert production["lifetime_order"] > hostvars["Test"]["lifetime_order"] > hostvars["Development"]["lifetime_order"]
    assert production["lifetime_platform_version"]
    assert sorted(zone["name"] for zone in production["lifetime_deployment_zones"]) == ["DMZ", "Global"]
    assert [zone["is_default"] for zone in production["lifetime_deployment_zones"] if zone["name"] == "Global"] == [True]
    # the key is the one LifeTime has for Production
    listed = [request for request in simulator.requests() if request["method"] == "GET"]
    assert any(request["path"].rstrip("/").endswith("/environments") for request in listed)
    assert not simulator.mutating_requests()


def test_documented_environment_shapes(installed_collection, simulator, tmp_path):
    """As documented (*-env-list): IsOffline in some records only (absent = online), EnvironmentType may be "" (no group)."""
    test = simulator.state.find_env("Test")
    test.env_type = ""
    simulator.state.find_env("Production").is_offline = True
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n", env=env_vars(simulator))
    assert run.returncode == 0, run.stderr
    data = plain(json.loads(run.stdout))
    hostvars = data["_meta"]["hostvars"]
    assert {name: hostvars[name]["lifetime_is_offline"] for name in hostvars} == {"Development": False, "Test": False, "Production": True}
    assert "IsOffline" not in next(env for env in api_get(simulator, "environments/") if env["Name"] == "Test")
    assert hostvars["Test"]["lifetime_environment_type"] == ""
    assert "Test" in data["lifetime"]["hosts"]
    assert not [group for group, members in data.items() if group not in ("_meta", "all", "lifetime", "ungrouped")
                and "Test" in members.get("hosts", [])]


def test_environment_key_matches_lifetime(installed_collection, simulator, tmp_path):
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n", env=env_vars(simulator))
    assert run.returncode == 0, run.stderr
    hostvars = plain(json.loads(run.stdout))["_meta"]["hostvars"]
    keys = dict((env["Name"], env["Key"]) for env in api_get(simulator, "environments/"))
    assert dict((name, variables["lifetime_environment_key"]) for name, variables in hostvars.items()) == keys


def test_explicit_options_constructed_groups_and_no_zones(installed_collection, simulator, tmp_path):
    text = """
plugin: outsystems.lifetime.lifetime
lifetime_url: %s
lifetime_token: %s
deployment_zones: false
strict: true
keyed_groups:
  - key: lifetime_environment_type
    prefix: type
groups:
  protected: lifetime_environment_type == 'Production'
compose:
  ansible_connection: "'ssh'"
  lifetime_console: "'https://' ~ lifetime_host_name"
""" % (simulator.root_url, TOKEN)
    run = inventory(installed_collection, simulator, tmp_path, text)
    assert run.returncode == 0, run.stderr
    data = plain(json.loads(run.stdout))
    assert data["protected"]["hosts"] == ["Production"]
    assert data["type_Test"]["hosts"] == ["Test"]
    test = data["_meta"]["hostvars"]["Test"]
    assert test["ansible_connection"] == "ssh"
    assert test["lifetime_console"] == "https://" + test["lifetime_host_name"]
    assert test["lifetime_deployment_zones"] == []
    assert not [request for request in simulator.requests() if "deploymentzones" in request["path"]]


def test_zones_not_licensed_gives_empty_list_and_warning(installed_collection, simulator, tmp_path):
    simulator.set_scenario("zones_not_licensed")
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n", env=env_vars(simulator))
    assert run.returncode == 0, run.stderr
    hostvars = plain(json.loads(run.stdout))["_meta"]["hostvars"]
    assert all(variables["lifetime_deployment_zones"] == [] for variables in hostvars.values())
    assert "not licensed" in run.stderr
    assert "Production" in run.stderr


def test_inventory_cache_serves_second_run_without_requests(installed_collection, simulator, tmp_path):
    text = """
plugin: outsystems.lifetime.lifetime
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: %s
cache_timeout: 600
""" % (tmp_path / "cache")
    first = inventory(installed_collection, simulator, tmp_path, text, env=env_vars(simulator))
    assert first.returncode == 0, first.stderr
    assert simulator.requests()
    simulator.clear_requests()
    second = inventory(installed_collection, simulator, tmp_path, text, env=env_vars(simulator))
    assert second.returncode == 0, second.stderr
    assert simulator.requests() == []
    assert plain(json.loads(second.stdout))["_meta"] == plain(json.loads(first.stdout))["_meta"]
    assert os.listdir(tmp_path / "cache")


def test_missing_url_names_the_option_and_the_variable(installed_collection, simulator, tmp_path):
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n")
    assert run.returncode != 0
    assert "lifetime_url" in run.stderr and "LIFETIME_URL" in run.stderr


def test_bad_token_fails_without_leaking_it(installed_collection, simulator, tmp_path):
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n",
                    env={"LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": "wrong-secret-token"})
    assert run.returncode != 0
    assert "401" in run.stderr
    assert "wrong-secret-token" not in run.stderr + run.stdout


@pytest.mark.parametrize("name, accepted", [("infra.lifetime.yml", True), ("infra.lifetime.yaml", True), ("infra.yml", False)])
def test_verify_file_accepts_only_lifetime_yml(installed_collection, simulator, tmp_path, name, accepted):
    run = inventory(installed_collection, simulator, tmp_path, "plugin: outsystems.lifetime.lifetime\n", env=env_vars(simulator), name=name)
    assert (run.returncode == 0) is accepted, run.stderr


def test_playbook_targets_production_group(installed_collection, simulator, tmp_path, playbook):
    source = tmp_path / "prod.lifetime.yml"
    source.write_text("plugin: outsystems.lifetime.lifetime\n")
    run = playbook("""
        - hosts: production
          gather_facts: false
          tasks:
            - name: Read what runs in this environment, by the key the inventory gave
              outsystems.lifetime.application_info:
                environment: "{{ lifetime_environment_key }}"
                name: Orders
              register: orders
            - ansible.builtin.assert:
                that:
                  - inventory_hostname == 'Production'
                  - orders.applications[0].running_version == '2.0.0'
        """, inventory=str(source), env={"ANSIBLE_INVENTORY_ENABLED": "outsystems.lifetime.lifetime"})
    assert run.returncode == 0, run
    assert "ok=2" in run.stdout
