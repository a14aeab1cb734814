"""Secrets never in output, -vvv logs, diffs or error messages: real ansible-playbook runs, stdout+stderr grepped.

The secrets come in as variables (as from a vault), not as literals in the playbook: ansible-core 2.19 quotes the
playbook's source lines around a failing task, so a literal would be shown by Ansible itself, not by this collection.

Covered: the API token, a user password, a DB connection password, a Service Center password, and a renewed token.
"""

TOKEN = "demo-token"
USER_PASSWORD = "Sec-User-Pw-8841"
DB_PASSWORD = "Sec-Db-Pw-2290"
NEW_DB_PASSWORD = "Sec-Db-Pw-new-7713"
SC_PASSWORD = "Sec-SC-Pw-5567"
VARS = dict(user_pw=USER_PASSWORD, db_pw=DB_PASSWORD, new_db_pw=NEW_DB_PASSWORD, sc_pw=SC_PASSWORD)
SECRETS = (TOKEN, USER_PASSWORD, DB_PASSWORD, NEW_DB_PASSWORD, SC_PASSWORD)

PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: user with a password
      outsystems.lifetime.user:
        username: carol
        name: Carol Costa
        email: carol@example.com
        role: Tester
        password: "{{ user_pw }}"
    - name: user password changed
      outsystems.lifetime.user:
        username: carol
        password: "{{ user_pw }}x"
        update_password: always
      when: not ansible_check_mode
    - name: db connection with a password
      outsystems.lifetime.db_connection:
        environment: Development
        name: Reporting
        provider: SqlServer
        connection_string: Server=reports;Database=R
        user: report_reader
        password: "{{ db_pw }}"
    - name: db connection password changed
      outsystems.lifetime.db_connection:
        environment: Development
        name: Reporting
        user: report_reader
        password: "{{ new_db_pw }}"
        update_password: always
      when: not ansible_check_mode
    - name: environment registered with a Service Center password
      outsystems.lifetime.environment:
        name: QA
        address: https://qa.lifetime.example.com
        lifetime_address: lifetime.example.com
        service_center_username: admin
        service_center_password: "{{ sc_pw }}"
    - name: a failure carrying a password
      outsystems.lifetime.db_connection:
        environment: Staging
        name: Reporting
        user: report_reader
        password: "{{ db_pw }}"
      ignore_errors: true
    - name: a failure carrying the token in the URL option
      outsystems.lifetime.environment_info:
        lifetime_url: "http://127.0.0.1:1"
        retries: 0
      ignore_errors: true
    - name: renew the token, as its documentation says (no_log on the task)
      outsystems.lifetime.token:
        duration: 6
      register: renewed
      no_log: true
    - name: use it
      ansible.builtin.assert:
        that: renewed.token | length > 10
      no_log: true
      when: not ansible_check_mode
"""


def renewed_tokens(simulator, before):
    """Tokens the run renewed (the session's simulator keeps tokens across tests, so compare with before)."""
    return [token for token in simulator.valid_tokens if token not in before]


def assert_absent(output, secrets):
    for secret in secrets:
        assert secret not in output, "secret %r found in the output:\n...%s..." % (
            secret, output[max(0, output.find(secret) - 400):output.find(secret) + 100])


def test_no_secret_in_vvv_diff_output(playbook, simulator):
    before = simulator.valid_tokens
    result = playbook(PLAY, extra_vars=VARS, diff=True, verbosity=3)
    assert result.returncode == 0, result
    assert "carol" in result.output and "Reporting" in result.output and "QA" in result.output  # the tasks did run
    assert result.output.count("...ignoring") == 2
    new = renewed_tokens(simulator, before)
    assert len(new) == 1
    assert_absent(result.output, SECRETS + (USER_PASSWORD + "x", new[0]))
    assert simulator.state.find_user("carol").password == USER_PASSWORD + "x"  # the secrets did reach LifeTime


def test_no_secret_in_check_mode_diff_output(playbook, simulator):
    result = playbook(PLAY, extra_vars=VARS,
                      check=True, diff=True, verbosity=3)
    assert result.returncode == 0, result
    assert_absent(result.output, SECRETS + (USER_PASSWORD + "x",))
    assert simulator.mutating_requests() == []


def test_renewed_token_not_in_the_diff_even_without_no_log(playbook, simulator):
    before = simulator.valid_tokens
    result = playbook("""
        - hosts: localhost
          gather_facts: false
          tasks:
            - outsystems.lifetime.token:
                duration: 3
              register: renewed
    """, diff=True)
    assert result.returncode == 0, result
    new = renewed_tokens(simulator, before)
    assert len(new) == 1 and "changed: [localhost]" in result.output
    assert_absent(result.output, (TOKEN, new[0]))
