"""outsystems.lifetime.content_security_policy against the simulator."""

from test_user_access_support import assert_fails_unchanged, converge


def csp(simulator, env):
    return simulator.state.find_env(env).csp


def test_set_directives(run, simulator):
    _check, real, again = converge(run, simulator, "content_security_policy", environment="Production",
                                   directives={"script_src": ["'self'", "https://cdn.example.com"], "ImgSrc": "'self'  data:"})
    policy = csp(simulator, "Production")
    assert policy["ScriptSrc"] == {"CSPDirectiveId": 10, "Value": "'self' https://cdn.example.com", "IsSetForEnv": True}
    assert policy["ImgSrc"]["Value"] == "'self' data:" and policy["DefaultSrc"]["Value"] == "'self'"
    assert real["needs_recompilation"] is True and again["needs_recompilation"] is None
    assert real["diff"]["before"]["directives"]["script_src"]["is_set_for_env"] is False
    assert real["diff"]["after"]["directives"]["script_src"]["value"] == "'self' https://cdn.example.com"


def test_unset_and_exclusive(run, simulator):
    run("content_security_policy", environment="Test", directives={"font_src": "'self'"})
    converge(run, simulator, "content_security_policy", environment="Test", directives={"script_src": "'self'"}, exclusive=True)
    policy = csp(simulator, "Test")
    assert [name for name, item in policy.items() if item["IsSetForEnv"]] == ["ScriptSrc"]
    converge(run, simulator, "content_security_policy", environment="Test", directives={"script_src": None})
    assert not any(item["IsSetForEnv"] for item in csp(simulator, "Test").values())


def test_same_policy_is_no_change(run, simulator):
    converge(run, simulator, "content_security_policy", expect_changed=False, environment="Development", directives={"default_src": "'self'"})


def test_bad_input(run, simulator):
    assert_fails_unchanged(run, simulator, "content_security_policy", ["scripts_src", "script_src", "default_src"],
                           environment="Test", directives={"scripts_src": "'self'"})
    assert_fails_unchanged(run, simulator, "content_security_policy", ["Staging", "Production"], environment="Staging",
                           directives={"script_src": "'self'"})
