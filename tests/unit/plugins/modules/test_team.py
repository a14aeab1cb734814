"""outsystems.lifetime.team and team_info against the simulator."""


from test_user_access_support import assert_fails_unchanged, converge

MEMBERS = [{"user": "alice", "role": "Developer"}, {"user": "bob", "role": "Tester"}]


def members(simulator, name):
    state = simulator.state
    team = state.find_team(name)
    return dict((state.users[key].username, state.roles[role].name) for key, role in team.users.items())


def apps(simulator, name):
    state = simulator.state
    return sorted(state.apps[key].name for key in state.find_team(name).app_keys)


def test_create_team_with_members_and_applications(run, simulator):
    _check, real, _again = converge(run, simulator, "team", name="Payments", members=MEMBERS, applications=["Orders", "Inventory"])
    assert members(simulator, "Payments") == {"alice": "Developer", "bob": "Tester"}
    assert apps(simulator, "Payments") == ["Inventory", "Orders"]
    assert real["team"]["key"] == simulator.state.find_team("Payments").key
    assert [user["username"] for user in real["diff"]["after"]["users"]] == ["alice", "bob"]


def test_membership_made_exact(run, simulator):
    _check, real, _again = converge(run, simulator, "team", name="Platform", members=[{"user": "bob", "role": "Tester"}],
                                    applications=["Inventory"])
    assert members(simulator, "Platform") == {"bob": "Tester"}
    assert apps(simulator, "Platform") == ["Inventory"]
    assert [user["username"] for user in real["diff"]["before"]["users"]] == ["alice"]


def test_role_change_of_a_member(run, simulator):
    converge(run, simulator, "team", name="Platform", members=[{"user": "alice", "role": "Tester"}])
    assert members(simulator, "Platform") == {"alice": "Tester"}


def test_append_only_adds(run, simulator):
    converge(run, simulator, "team", name="Platform", members=[{"user": "bob", "role": "Tester"}], applications=["Orders"], append=True)
    assert members(simulator, "Platform") == {"alice": "Developer", "bob": "Tester"}
    assert apps(simulator, "Platform") == ["Customer Portal", "Orders"]


def test_rename_and_delete(run, simulator):
    converge(run, simulator, "team", name="Backoffice", new_name="Back Office")
    assert simulator.state.find_team("Back Office") is not None
    _check, real, _again = converge(run, simulator, "team", name="Back Office", state="absent")
    assert simulator.state.find_team("Back Office") is None
    assert real["diff"]["before"]["name"] == "Back Office" and real["diff"]["after"] == {}


def test_description(run, simulator):
    converge(run, simulator, "team", name="Payments", description="Payment flows")


def test_bad_user_role_application(run, simulator):
    assert_fails_unchanged(run, simulator, "team", ["zoe", "alice", "bob"], name="Payments", members=[{"user": "zoe", "role": "Developer"}])
    assert_fails_unchanged(run, simulator, "team", ["Boss", "Tester"], name="Platform", members=[{"user": "bob", "role": "Boss"}])
    assert_fails_unchanged(run, simulator, "team", ["Payroll", "Orders"], name="Platform", applications=["Payroll"])
    assert simulator.state.find_team("Payments") is None
    assert members(simulator, "Platform") == {"alice": "Developer"}


def test_team_info(run, simulator):
    teams = run("team_info")["teams"]
    assert [team["name"] for team in teams] == ["Backoffice", "Platform"]
    platform = run("team_info", name="Platform")["teams"][0]
    assert platform["users"][0]["username"] == "alice" and platform["applications"][0]["name"] == "Customer Portal"
    failed = run("team_info", name="Nope")
    assert failed["failed"] and "Platform" in failed["msg"]
