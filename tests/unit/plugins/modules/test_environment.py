"""outsystems.lifetime.environment (register / unregister) against the simulator."""

from test_user_access_support import SECRETS, assert_fails_unchanged, converge

REGISTER = dict(name="QA", address="https://qa.lifetime.example.com", lifetime_address="lifetime.example.com",
                service_center_username="admin", service_center_password=SECRETS[1],
                role_permissions=[{"role": "Developer", "permission_level": "Open and Debug Applications", "create_applications": True}])


def test_register_then_no_op(run, simulator):
    _check, real, _again = converge(run, simulator, "environment", **REGISTER)
    qa = simulator.state.find_env("QA")
    assert qa is not None and qa.host == "qa.lifetime.example.com" and qa.order == 4
    assert real["environment"]["key"] == qa.key and real["environment"]["host_name"] == "qa.lifetime.example.com"
    assert real["imported_users"] == []  # as documented (regenv-register)
    # The PascalCase role permissions of the registration (regenv-register) reached LifeTime; other roles get no access.
    assert simulator.state.find_role("Developer").env_permissions[qa.key] == {"level": 2, "create": True, "dependencies": False}
    assert simulator.state.find_role("Tester").env_permissions[qa.key]["level"] == 0
    assert real["diff"] == {"before": {}, "after": {"name": "QA", "host_name": "qa.lifetime.example.com", "order": 4}}


def test_registered_host_under_another_name_is_found(run, simulator):
    args = dict(REGISTER, name="Testing", address="test.lifetime.example.com")
    result = run("environment", **args)
    assert result["changed"] is False and result["environment"]["name"] == "Test"
    assert simulator.mutating_requests() == []


def test_unregister_needs_force(run, simulator):
    run("environment", **REGISTER)
    assert_fails_unchanged(run, simulator, "environment", ["force", "QA"], name="QA", state="absent")
    assert simulator.state.find_env("QA") is not None
    _check, real, _again = converge(run, simulator, "environment", name="QA", state="absent", force=True)
    assert simulator.state.find_env("QA") is None
    assert real["diff"]["before"]["name"] == "QA" and real["diff"]["after"] == {}


def test_bad_input(run, simulator):
    assert_fails_unchanged(run, simulator, "environment", ["service_center_password", "address"], name="QA")
    assert_fails_unchanged(run, simulator, "environment", ["Ghost", "Developer", "Tester"],
                           **{**REGISTER, "role_permissions": [{"role": "Ghost", "permission_level": "No Access"}]})
    assert_fails_unchanged(run, simulator, "environment", ["Godmode", "Full Control"],
                           **{**REGISTER, "role_permissions": [{"role": "Tester", "permission_level": "Godmode"}]})
    assert simulator.state.find_env("QA") is None
