"""outsystems.lifetime.user and user_info against the simulator."""

from test_user_access_support import SECRETS, assert_fails_unchanged, assert_no_secret, converge

PASSWORD = SECRETS[0]


def test_create_user_check_mode_second_run_and_no_password_anywhere(run, simulator):
    args = dict(username="carol", name="Carol Costa", email="carol@example.com", role="Tester", password=PASSWORD,
                application_roles=[{"application": "Orders", "role": "Developer"}])
    check, real, _again = converge(run, simulator, "user", **args)
    carol = simulator.state.find_user("carol")
    assert carol.name == "Carol Costa" and carol.email == "carol@example.com"
    assert carol.role_key == simulator.state.find_role("Tester").key
    assert carol.password == PASSWORD
    assert carol.app_roles == {simulator.state.find_app("Orders").key: simulator.state.find_role("Developer").key}
    assert real["user"]["key"] == carol.key and real["password_set"] is True
    assert check["diff"]["before"] == {}
    assert real["diff"]["after"]["password"] == "********"
    assert real["diff"]["after"]["application_roles"][0]["application_name"] == "Orders"


def test_update_fields_and_application_roles_exactly(run, simulator):
    state = simulator.state
    state.find_user("alice").app_roles[state.find_app("Inventory").key] = state.find_role("Tester").key
    _check, real, _again = converge(
        run, simulator, "user", username="alice", email="alice@corp.example.com", role="Tester",
        application_roles=[{"application": "Orders", "role": "Developer"}])
    alice = state.find_user("alice")
    assert alice.email == "alice@corp.example.com" and alice.role_key == state.find_role("Tester").key
    assert alice.app_roles == {state.find_app("Orders").key: state.find_role("Developer").key}
    assert real["diff"]["before"]["email"] == "alice@example.com"
    assert [item["application_name"] for item in real["diff"]["before"]["application_roles"]] == ["Inventory"]
    assert "password" not in real["diff"]["after"]


def test_append_application_roles_keeps_the_others(run, simulator):
    state = simulator.state
    state.find_user("alice").app_roles[state.find_app("Inventory").key] = state.find_role("Tester").key
    converge(run, simulator, "user", username="alice", append_application_roles=True,
             application_roles=[{"application": "Orders", "role": "Developer"}])
    assert set(state.find_user("alice").app_roles) == {state.find_app("Inventory").key, state.find_app("Orders").key}


def test_deactivate_user(run, simulator):
    converge(run, simulator, "user", username="bob", active=False)
    assert simulator.state.find_user("bob").active is False


def test_unblock_only_when_blocked(run, simulator):
    _check, real, _again = converge(run, simulator, "user", username="bob", unblock=True)
    assert not [a for a in simulator.state.blocked_logins if a["username"] == "bob"]
    assert real["diff"]["before"]["blocked_logins"] == 1 and real["diff"]["after"]["blocked_logins"] == 0
    simulator.clear_requests()
    assert run("user", username="alice", unblock=True)["changed"] is False
    assert simulator.mutating_requests() == []


def test_password_always_is_a_change_and_never_shown(run, simulator):
    result = run("user", diff=True, username="alice", password=PASSWORD, update_password="always")
    assert result["changed"] is True and result["password_set"] is True
    assert simulator.state.find_user("alice").password == PASSWORD
    assert_no_secret(result)
    simulator.clear_requests()
    assert run("user", username="alice", password=PASSWORD)["changed"] is False
    assert simulator.mutating_requests() == []


def test_bad_role_application_and_missing_role(run, simulator):
    assert_fails_unchanged(run, simulator, "user", ["Managers", "Administrator", "Developer", "Tester"], username="dave", role="Managers",
                           password=PASSWORD)
    assert_fails_unchanged(run, simulator, "user", ["Payroll", "Orders"], username="alice",
                           application_roles=[{"application": "Payroll", "role": "Developer"}])
    assert_fails_unchanged(run, simulator, "user", ["role", "Developer"], username="dave")
    assert simulator.state.find_user("dave") is None


def test_user_info(run, simulator):
    result = run("user_info")
    assert [user["username"] for user in result["users"]] == ["admin", "alice", "bob"]
    bob = run("user_info", username="bob", blocked_logins=True)["users"]
    assert len(bob) == 1 and bob[0]["blocked_logins"][0]["ip_address"] == "198.51.100.23"
    assert bob[0]["teams"][0]["team_name"] == "Backoffice"
    failed = run("user_info", username="zoe")
    assert failed["failed"] and "zoe" in failed["msg"] and "alice" in failed["msg"]
    assert simulator.mutating_requests() == []
