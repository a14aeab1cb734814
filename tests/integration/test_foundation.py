"""The first modules through real ansible-playbook: credentials from module_defaults (the action group) or from
the environment, and failures a person can act on, with the token nowhere in the output."""

import json

MODULE_DEFAULTS_PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/outsystems.lifetime.lifetime:
      lifetime_url: "{{ url }}"
      lifetime_token: "{{ token }}"
      retries: 0
  tasks:
    - name: Environments, with their zones
      outsystems.lifetime.environment_info:
        deployment_zones: true
      register: infrastructure

    - name: What runs in Production
      outsystems.lifetime.application_info:
        environment: Production
      register: production

    - name: Show the results
      ansible.builtin.debug:
        msg: "RESULT {{ {'environments': infrastructure.environments | map(attribute='name') | list,
                        'zones': infrastructure.environments[0].deployment_zones | map(attribute='name') | sort,
                        'orders': (production.applications | selectattr('name', 'equalto', 'Orders') | first).running_version}
                       | to_json }}"
"""

ENV_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: One environment by name, credentials from LIFETIME_URL and LIFETIME_TOKEN
      outsystems.lifetime.environment_info:
        name: Test
      register: test_env

    - name: Show it
      ansible.builtin.debug:
        msg: "RESULT {{ {'name': test_env.environments[0].name, 'host': test_env.environments[0].host_name} | to_json }}"
"""


def result_of(run):
    for line in run.stdout.splitlines():
        if '"msg": "RESULT ' in line:
            return json.loads(line.split('"msg": "RESULT ', 1)[1].rstrip('"').encode().decode("unicode_escape"))
    raise AssertionError(run)


def test_module_defaults_of_the_action_group_set_the_connection_once(playbook, simulator):
    # The environment points nowhere: only module_defaults can make this play reach the simulator.
    run = playbook(MODULE_DEFAULTS_PLAY, env={"LIFETIME_URL": "http://127.0.0.1:9", "LIFETIME_TOKEN": "wrong"},
                   extra_vars={"url": simulator.root_url, "token": "demo-token"})
    assert run.returncode == 0, run
    result = result_of(run)
    assert result["environments"] == ["Development", "Test", "Production"]
    assert result["zones"] == ["DMZ", "Global"]
    assert result["orders"] == "2.0.0"
    assert all(entry["method"] == "GET" for entry in simulator.requests())


def test_credentials_from_the_environment(playbook, simulator):
    run = playbook(ENV_PLAY)
    assert run.returncode == 0, run
    assert result_of(run) == {"name": "Test", "host": "test.lifetime.example.com"}


def test_a_wrong_token_fails_saying_to_renew_it_and_never_shows_it(playbook):
    secret = "wrong-token-7f3a9c1d2e"
    run = playbook(ENV_PLAY, env={"LIFETIME_TOKEN": secret}, verbosity=3)
    assert run.returncode != 0
    assert "HTTP 401" in run.stdout and "renew" in run.stdout
    assert secret not in run.output


def test_an_unknown_environment_lists_the_valid_ones(playbook, simulator):
    run = playbook(ENV_PLAY.replace("name: Test", "name: Prod"))
    assert run.returncode != 0
    assert "environment 'Prod' not found" in run.stdout
    assert "Development, Production, Test" in run.stdout and "Did you mean 'Production'?" in run.stdout
    assert simulator.mutating_requests() == []
