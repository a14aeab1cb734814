"""outsystems.lifetime.application against the simulator."""

import functools

import pytest

MUTATING = ("POST", "PUT", "DELETE")


@pytest.fixture
def run_app(run):
    """Run the application module (its option 'name' is passed as a keyword)."""
    return functools.partial(run, "application")


def mutating(simulator):
    return [entry for entry in simulator.requests() if entry["method"] in MUTATING]


def blocked(simulator, app, env):
    state = simulator.state
    return state.find_app(app).blocked.get(state.find_env(env).key, (False, ""))


NEW_APP = dict(name="Claims", environment="Development", template="Reactive Web App", team="Backoffice",
               description="Claims handling", color="0a7d3e")


def test_create_application(run_app, simulator):
    result = run_app(**NEW_APP)
    assert result["changed"] is True and result["created"] is True
    app = simulator.state.find_app("Claims")
    assert app is not None and result["key"] == app.key
    assert result["application"]["name"] == "Claims" and result["application"]["key"] == app.key
    assert app.description == "Claims handling"
    assert simulator.state.find_env("Development").key in app.status
    posts = mutating(simulator)
    assert len(posts) == 1
    body = posts[0]["body"]
    assert body["Name"] == "Claims" and body["Color"] == "#0A7D3E" and body["Description"] == "Claims handling"
    assert body["TeamKey"] == simulator.state.find_team("Backoffice").key
    template = next(t for t in simulator.state.find_env("Development").templates if t["Name"] == "Reactive Web App")
    assert body["TemplateKey"] == template["Key"]


def test_second_run_is_a_no_op(run_app, simulator):
    run_app(**NEW_APP)
    simulator.clear_requests()
    result = run_app(**NEW_APP)
    assert result["changed"] is False and result["created"] is False
    assert result["key"] == simulator.state.find_app("Claims").key
    assert mutating(simulator) == []
    assert not result.get("warnings")
    other = run_app(**dict(NEW_APP, description="Something else", team="Platform"))
    assert other["changed"] is False and mutating(simulator) == []
    assert "different description and team" in str(other.get("warnings"))


def test_existing_application_needs_no_template(run_app, simulator):
    result = run_app(name="Orders")
    assert result["changed"] is False and result["created"] is False
    assert result["application"]["name"] == "Orders"
    assert mutating(simulator) == []


def test_check_mode_creates_nothing_and_predicts(run_app, simulator):
    checked = run_app(check_mode=True, diff=True, **NEW_APP)
    assert mutating(simulator) == []
    assert simulator.state.find_app("Claims") is None
    assert checked["changed"] is True and checked["created"] is True and checked["key"] is None
    real = run_app(diff=True, **NEW_APP)
    assert real["changed"] is checked["changed"] and real["created"] is checked["created"]
    assert checked["diff"]["before"] == {} == real["diff"]["before"]
    for key in ("name", "description", "kind"):
        assert checked["diff"]["after"][key] == real["diff"]["after"][key]


def test_create_without_template_fails(run_app, simulator):
    result = run_app(name="Claims", environment="Development")
    assert result.get("failed") and "Claims" in result["msg"] and "template" in result["msg"]
    assert mutating(simulator) == []


def test_unknown_template_fails_with_valid_names(run_app, simulator):
    result = run_app(name="Claims", environment="Development", template="Desktop App")
    assert result.get("failed") and "Desktop App" in result["msg"]
    assert "Reactive Web App" in result["msg"] and "Phone App" in result["msg"]
    assert mutating(simulator) == [] and simulator.state.find_app("Claims") is None


def test_unknown_environment_fails_with_valid_names(run_app, simulator):
    result = run_app(name="Claims", environment="Staging", template="Reactive Web App")
    assert result.get("failed") and "Staging" in result["msg"] and "Development" in result["msg"] and "Production" in result["msg"]
    assert mutating(simulator) == []


def test_unknown_team_fails_with_valid_names(run_app, simulator):
    result = run_app(name="Claims", environment="Development", template="Reactive Web App", team="Finance")
    assert result.get("failed") and "Finance" in result["msg"] and "Platform" in result["msg"]
    assert mutating(simulator) == [] and simulator.state.find_app("Claims") is None


def test_bad_color_fails(run_app, simulator):
    result = run_app(name="Claims", environment="Development", template="Reactive Web App", color="blue")
    assert result.get("failed") and "'blue'" in result["msg"]
    assert simulator.requests() == []


# -- configurations (block / unblock per environment) -------------------------------------------

BLOCK_PROD = [{"environment": "Production", "blocked": True, "reason": "Release freeze"}]


def test_block_then_no_op_then_unblock(run_app, simulator):
    result = run_app(name="Orders", configurations=BLOCK_PROD, diff=True)
    assert result["changed"] is True
    assert blocked(simulator, "Orders", "Production") == (True, "Release freeze")
    puts = mutating(simulator)
    assert [entry["method"] for entry in puts] == ["PUT"]
    assert puts[0]["body"] == {"configurations": [{"environmentKey": simulator.state.find_env("Production").key,
                                                   "isBlocked": True, "isBlockedChangeReason": "Release freeze"}]}
    prod = next(item for item in result["configurations"] if item["environment"] == "Production")
    assert prod["is_blocked"] is True
    before = next(item for item in result["diff"]["before"]["configurations"] if item["environment"] == "Production")
    after = next(item for item in result["diff"]["after"]["configurations"] if item["environment"] == "Production")
    assert before["is_blocked"] is False and after["is_blocked"] is True

    simulator.clear_requests()
    again = run_app(name="Orders", configurations=BLOCK_PROD)
    assert again["changed"] is False and mutating(simulator) == []

    unblocked = run_app(name="Orders", configurations=[{"environment": "Production", "blocked": False, "reason": "Thawed"}])
    assert unblocked["changed"] is True
    assert blocked(simulator, "Orders", "Production") == (False, "Thawed")


def test_only_changed_environments_are_sent(run_app, simulator):
    run_app(name="Orders", configurations=BLOCK_PROD)
    simulator.clear_requests()
    result = run_app(name="Orders", configurations=BLOCK_PROD + [{"environment": "Test", "blocked": True}])
    assert result["changed"] is True
    body = mutating(simulator)[0]["body"]
    assert [entry["environmentKey"] for entry in body["configurations"]] == [simulator.state.find_env("Test").key]


def test_configurations_check_mode_predicts_and_sends_nothing(run_app, simulator):
    checked = run_app(name="Orders", configurations=BLOCK_PROD, check_mode=True, diff=True)
    assert checked["changed"] is True and mutating(simulator) == []
    assert blocked(simulator, "Orders", "Production") == (False, "")
    real = run_app(name="Orders", configurations=BLOCK_PROD, diff=True)
    assert real["changed"] is True
    assert real["diff"] == checked["diff"]


def test_create_and_block_in_one_task(run_app, simulator):
    result = run_app(configurations=BLOCK_PROD, **NEW_APP)
    assert result["changed"] is True and result["created"] is True
    assert blocked(simulator, "Claims", "Production") == (True, "Release freeze")
    assert [entry["method"] for entry in mutating(simulator)] == ["POST", "PUT"]


def test_configurations_unknown_environment_fails_before_anything(run_app, simulator):
    result = run_app(configurations=[{"environment": "Prod", "blocked": True}], **NEW_APP)
    assert result.get("failed") and "Prod" in result["msg"] and "Production" in result["msg"]
    assert mutating(simulator) == [] and simulator.state.find_app("Claims") is None


def test_configurations_contradiction_fails(run_app, simulator):
    result = run_app(name="Orders", configurations=[{"environment": "Test", "blocked": True}, {"environment": "Test", "blocked": False}])
    assert result.get("failed") and "Test" in result["msg"] and "twice" in result["msg"]
    assert mutating(simulator) == []
