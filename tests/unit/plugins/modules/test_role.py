"""outsystems.lifetime.role and role_info against the simulator."""

from test_user_access_support import assert_fails_unchanged, converge

PERMISSIONS = [
    {"environment": "Development", "permission_level": "Change and Deploy Applications", "create_applications": True},
    {"environment": "Test", "permission_level": "open and debug applications"},
    {"environment": "Production", "permission_level": "Monitor and Add Dependencies"},
]


def levels(simulator, name):
    state = simulator.state
    role = state.find_role(name)
    return dict((state.envs[key].name, (perm["level"], perm["create"], perm["dependencies"])) for key, perm in role.env_permissions.items())


def test_create_role(run, simulator):
    _check, real, _again = converge(run, simulator, "role", name="Release Manager", manage_teams=True, environment_permissions=PERMISSIONS)
    role = simulator.state.find_role("Release Manager")
    assert role.manage_teams is True and role.manage_infrastructure is False
    assert levels(simulator, "Release Manager") == {"Development": (5, True, False), "Test": (2, False, False), "Production": (1, False, False)}
    assert real["role"]["key"] == role.key
    assert [perm["environment_name"] for perm in real["diff"]["after"]["environment_permissions"]] == ["Development", "Production", "Test"]


def test_new_role_gets_no_access_where_not_listed(run, simulator):
    converge(run, simulator, "role", name="Auditor", environment_permissions=[{"environment": "Production", "permission_level": "Open and Debug Applications"}])
    assert levels(simulator, "Auditor") == {"Development": (0, False, False), "Test": (0, False, False), "Production": (2, False, False)}


def test_update_keeps_unlisted_environments_and_flags(run, simulator):
    before = levels(simulator, "Developer")
    _check, real, _again = converge(run, simulator, "role", name="Developer",
                                    environment_permissions=[{"environment": "Production", "permission_level": "Open and Debug Applications"}])
    after = levels(simulator, "Developer")
    assert after["Production"] == (2, False, False)
    assert after["Development"] == before["Development"] and after["Test"] == before["Test"]
    production = [perm for perm in real["diff"]["before"]["environment_permissions"] if perm["environment_name"] == "Production"]
    assert (production[0]["level"], production[0]["level_label"]) == (1, "Monitor and Add Dependencies")


def test_rename_and_delete_with_replacement(run, simulator):
    converge(run, simulator, "role", name="Tester", new_name="QA Engineer", manage_infrastructure=False)
    assert simulator.state.find_role("QA Engineer") is not None
    converge(run, simulator, "role", name="QA Engineer", state="absent")
    assert simulator.state.find_role("QA Engineer") is None
    developer = simulator.state.find_role("Developer").key
    assert_fails_unchanged(run, simulator, "role", ["users_new_role", "alice", "bob", "Administrator"], name="Developer", state="absent")
    converge(run, simulator, "role", name="Developer", state="absent", users_new_role="Administrator")
    assert simulator.state.roles.get(developer) is None
    assert simulator.state.find_user("alice").role_key == simulator.state.find_role("Administrator").key


def test_bad_permission_level_and_environment(run, simulator):
    result = assert_fails_unchanged(run, simulator, "role", ["Superuser", "No Access", "Open and Debug Applications", "Full Control"], name="Auditor",
                                    environment_permissions=[{"environment": "Test", "permission_level": "Superuser"}])
    assert "permission level" in result["msg"]
    assert_fails_unchanged(run, simulator, "role", ["Staging", "Development", "Production"], name="Auditor",
                           environment_permissions=[{"environment": "Staging", "permission_level": "No Access"}])
    assert_fails_unchanged(run, simulator, "role", ["Nobody", "Tester"], name="Tester", state="absent", users_new_role="Nobody")
    assert simulator.state.find_role("Auditor") is None and simulator.state.find_role("Tester") is not None


def test_role_info(run, simulator):
    result = run("role_info")
    assert [role["name"] for role in result["roles"]] == ["Administrator", "Developer", "Tester"]
    assert [level["level"] for level in result["permission_levels"]] == list(range(7))
    assert result["permission_levels"][0]["level_label"] == "No Access"
    # As documented (regenv-roles): Key capitalised, camelCase fields, levels 0-6 with the server's labels.
    developer = result["roles"][1]
    assert developer["key"] == simulator.state.find_role("Developer").key
    assert [(perm["environment_name"], perm["level"], perm["level_label"]) for perm in developer["environment_permissions"]] == [
        ("Development", 5, "Change and Deploy Applications"), ("Test", 2, "Open and Debug Applications"),
        ("Production", 1, "Monitor and Add Dependencies")]
    assert result["roles"][0]["environment_permissions"][0]["level_label"] == "Full Control"
    assert run("role_info", name="Developer")["roles"][0]["name"] == "Developer"
