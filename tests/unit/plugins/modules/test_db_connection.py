"""outsystems.lifetime.db_connection and db_connection_info against the simulator."""


from test_user_access_support import SECRETS, assert_fails_unchanged, converge

PASSWORD = SECRETS[2]
REPORTING = dict(environment="Development", name="Reporting", provider="SqlServer", connection_string="Server=reports;Database=R",
                 user="report_reader", password=PASSWORD)


def connection(simulator, name, env="Development"):
    return simulator.state.find_env(env).db_connections.get(name)


def test_create_with_permissions(run, simulator):
    _check, real, _again = converge(run, simulator, "db_connection", role_permissions=[{"role": "Developer", "permission_level": "Use"}],
                                    user_permissions=[{"user": "bob", "permission_level": "Manage"}], **REPORTING)
    created = connection(simulator, "Reporting")
    assert created["provider"] == "SqlServer" and created["config"] == "Server=reports;Database=R"
    assert created["username"] == "report_reader" and created["password"] == PASSWORD
    state = simulator.state
    assert created["roles"] == {state.find_role("Developer").key: 1}
    assert created["users"] == {state.find_user("bob").key: 2}
    after = real["diff"]["after"]
    assert after["db_password"] == "********" and after["db_username"] == "report_reader"
    assert after["role_permissions"] == [{"role": "Developer", "permission_level": "Use in Integration Builder"}]
    assert "db_password" not in real["db_connection"]


def test_edit_and_revoke_to_match(run, simulator):
    state = simulator.state
    erp = connection(simulator, "ERPConnection")
    erp["roles"][state.find_role("Tester").key] = 2
    _check, real, _again = converge(run, simulator, "db_connection", environment="Development", name="ERPConnection",
                                    connection_string="Server=erp2.example.com;Database=ERP", user="erp_reader", password=SECRETS[3],
                                    role_permissions=[{"role": "Developer", "permission_level": "use in integration builder"}])
    erp = connection(simulator, "ERPConnection")
    assert erp["config"] == "Server=erp2.example.com;Database=ERP"
    assert erp["password"] == SECRETS[3] and erp["username"] == "erp_reader"
    assert erp["roles"] == {state.find_role("Developer").key: 1}
    assert real["diff"]["before"]["role_permissions"] == [{"role": "Tester", "permission_level": "Manage"}]


def test_update_password_always(run, simulator):
    args = dict(environment="Development", name="ERPConnection", user="erp_reader", password=SECRETS[3], update_password="always")
    for _attempt in range(2):
        result = run("db_connection", diff=True, **args)
        assert result["changed"] is True
        assert SECRETS[3] not in repr(result)
    assert connection(simulator, "ERPConnection")["password"] == SECRETS[3]
    simulator.clear_requests()
    assert run("db_connection", environment="Development", name="ERPConnection", password=SECRETS[3])["changed"] is False
    assert simulator.mutating_requests() == []


def test_test_runs_in_check_mode_and_is_no_change(run, simulator):
    simulator.clear_requests()
    result = run("db_connection", check_mode=True, test=True, **REPORTING)
    assert result["test_result"] == {"success": True} and result["changed"] is True
    assert [entry["path"].rsplit("/", 2)[-2] for entry in simulator.mutating_requests()] == ["testdbconnection"]
    assert connection(simulator, "Reporting") is None


def test_failed_test_changes_nothing(run, simulator):
    args = dict(REPORTING, connection_string="Server=fail", test=True)
    result = assert_fails_unchanged_but_test(run, simulator, args)
    assert "login failed" in result["msg"]
    assert connection(simulator, "Reporting") is None


def assert_fails_unchanged_but_test(run, simulator, args):
    simulator.clear_requests()
    result = run("db_connection", **args)
    assert result["failed"]
    assert PASSWORD not in repr(result)
    assert all(entry["path"].endswith("/testdbconnection/") for entry in simulator.mutating_requests())
    return result


def test_delete(run, simulator):
    _check, real, _again = converge(run, simulator, "db_connection", environment="Development", name="ERPConnection", state="absent")
    assert connection(simulator, "ERPConnection") is None
    assert real["diff"]["before"]["db_connection_name"] == "ERPConnection"


def test_bad_input(run, simulator):
    assert_fails_unchanged(run, simulator, "db_connection", ["user", "password"], environment="Development", name="ERPConnection",
                           connection_string="Server=other")
    assert_fails_unchanged(run, simulator, "db_connection", ["Postgres", "SqlServer", "Oracle"], **{**REPORTING, "provider": "Postgres"})
    assert_fails_unchanged(run, simulator, "db_connection", ["provider", "SqlServer"], **{**REPORTING, "provider": None})
    assert_fails_unchanged(run, simulator, "db_connection", ["Owner", "No Access", "Use in Integration Builder", "Manage"],
                           role_permissions=[{"role": "Developer", "permission_level": "Owner"}], **REPORTING)
    assert_fails_unchanged(run, simulator, "db_connection", ["Ghost", "Tester"], role_permissions=[{"role": "Ghost", "permission_level": "Use"}],
                           **REPORTING)
    assert_fails_unchanged(run, simulator, "db_connection", ["zoe", "alice"], user_permissions=[{"user": "zoe", "permission_level": "Use"}],
                           **REPORTING)
    assert_fails_unchanged(run, simulator, "db_connection", ["Staging", "Development"], **{**REPORTING, "environment": "Staging"})
    assert connection(simulator, "Reporting") is None


def test_description(run, simulator):
    converge(run, simulator, "db_connection", description="Reports", **REPORTING)


def test_info(run, simulator):
    result = run("db_connection_info", environment="Development", permissions=True)
    assert [item["db_connection_name"] for item in result["db_connections"]] == ["ERPConnection"]
    assert result["db_connections"][0]["role_permissions"] == []
    assert [item["display_name"] for item in result["providers"]] == ["SqlServer", "Oracle"]
    assert [item["label"] for item in result["permission_levels"]] == ["No Access", "Use in Integration Builder", "Manage"]
    failed = run("db_connection_info", environment="Development", name="Nope")
    assert failed["failed"] and "ERPConnection" in failed["msg"]
    assert simulator.mutating_requests() == []
