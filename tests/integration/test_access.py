"""Access as code with real ansible-playbook: a play declares users, teams, roles, DB connections; secrets never show."""

PASSWORDS = ("Carol-Pw-7781x", "ScCenter-Pw-5523y", "Db-Pw-99012z")

PLAY = """
- hosts: localhost
  gather_facts: false
  vars:
    carol_password: "{{ pw_user }}"
  tasks:
    - name: A role
      outsystems.lifetime.role:
        name: Release Manager
        manage_teams: true
        environment_permissions:
          - environment: Development
            permission_level: Change and Deploy Applications
          - environment: Production
            permission_level: Open and Debug Applications
    - name: A user with a password
      outsystems.lifetime.user:
        username: carol
        name: Carol Costa
        role: Release Manager
        password: "{{ carol_password }}"
        application_roles:
          - application: Orders
            role: Developer
    - name: A team
      outsystems.lifetime.team:
        name: Payments
        members:
          - user: carol
            role: Release Manager
        applications: [Orders]
    - name: A database connection
      outsystems.lifetime.db_connection:
        environment: Development
        name: Reporting
        provider: SqlServer
        connection_string: Server=reports;Database=R
        user: report_reader
        password: "{{ pw_db }}"
        test: true
        role_permissions:
          - role: Release Manager
            permission_level: Use
    - name: Register an environment
      outsystems.lifetime.environment:
        name: QA
        address: qa.lifetime.example.com
        lifetime_address: lifetime.example.com
        service_center_username: admin
        service_center_password: "{{ pw_sc }}"
    - name: Renew the token
      outsystems.lifetime.token:
        duration: 3
      register: renewed
      no_log: true
    - name: The new token is usable (not masked)
      ansible.builtin.assert:
        that:
          - renewed.token | length > 20
          - "'VALUE_SPECIFIED' not in renewed.token"
          - "'*' not in renewed.token"
      no_log: true
    - name: Keep it for the test to compare
      ansible.builtin.copy:
        content: "{{ renewed.token }}"
        dest: "{{ token_file }}"
        mode: "0600"
      no_log: true
"""


def test_access_as_code_and_no_secret_in_output(playbook, simulator, tmp_path):
    token_file = tmp_path / "new-token"
    extra = {"pw_user": PASSWORDS[0], "pw_sc": PASSWORDS[1], "pw_db": PASSWORDS[2], "token_file": str(token_file)}
    first = playbook(PLAY, diff=True, verbosity=3, extra_vars=extra)
    assert first.returncode == 0, first
    assert "changed=7" in first.stdout, first  # six modules and the copy
    state = simulator.state
    assert state.find_user("carol").password == PASSWORDS[0]
    assert state.find_team("Payments") is not None and state.find_env("QA") is not None
    assert state.find_env("Development").db_connections["Reporting"]["password"] == PASSWORDS[2]
    token = token_file.read_text()
    assert token in state.tokens
    for secret in PASSWORDS + (token, "demo-token"):
        assert secret not in first.stdout and secret not in first.stderr, secret

    simulator.clear_requests()
    second = playbook(PLAY, diff=True, verbosity=3, extra_vars=dict(extra, token_file=str(tmp_path / "second-token")))
    assert second.returncode == 0, second
    # Only the token renewal (an action) changes something on the second run.
    assert [entry["path"].split("/rest/v2")[-1] for entry in simulator.mutating_requests()] == [
        "/environments/%s/testdbconnection/" % state.find_env("Development").key, "/auth/tokens/"]
    second_token = (tmp_path / "second-token").read_text()
    for secret in PASSWORDS + (token, second_token, "demo-token"):
        assert secret not in second.stdout and secret not in second.stderr, secret


def test_check_mode_play_changes_nothing(playbook, simulator):
    extra = {"pw_user": PASSWORDS[0], "pw_sc": PASSWORDS[1], "pw_db": PASSWORDS[2], "token_file": "/nonexistent/never-written"}
    # In check mode nothing is created, so later tasks refer to what exists already.
    play = PLAY.split("    - name: The new token is usable", maxsplit=1)[0]
    play = play.replace("role: Release Manager", "role: Tester").replace("user: carol", "user: alice")
    run = playbook(play, check=True, diff=True, verbosity=3, extra_vars=extra)
    assert run.returncode == 0, run
    assert [entry["path"] for entry in simulator.mutating_requests() if not entry["path"].endswith("/testdbconnection/")] == []
    assert simulator.state.find_user("carol") is None and simulator.state.find_env("QA") is None
    for secret in PASSWORDS + ("demo-token",):
        assert secret not in run.stdout and secret not in run.stderr, secret
