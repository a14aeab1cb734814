"""Helpers shared by the tests of the access modules (user, team, role, environment, ...).

Named test_* only so that it belongs with them; it holds no tests of its own. Their ``run`` fixture is in tests/conftest.py.
"""

import copy

SECRETS = ("S3cret-carol!", "ScPass-9931", "DbPass-4417", "DbPass-new-5520")


def without_keys(value):
    """A diff with record keys blanked (a record created in check mode has no key yet)."""
    value = copy.deepcopy(value)
    if isinstance(value, dict):
        return dict((name, None if name == "key" else without_keys(item)) for name, item in value.items())
    if isinstance(value, list):
        return [without_keys(item) for item in value]
    return value


def assert_no_secret(result):
    text = repr(result)
    for secret in SECRETS:
        assert secret not in text


def converge(run, simulator, module, expect_changed=True, **args):
    """Check mode (no change sent), the real run (same changed and diff), then a second run that changes nothing."""
    simulator.clear_requests()
    check = run(module, check_mode=True, diff=True, **args)
    assert not check.get("failed"), check
    assert simulator.mutating_requests() == []
    assert check["changed"] is expect_changed
    real = run(module, diff=True, **args)
    assert not real.get("failed"), real
    assert real["changed"] is expect_changed
    assert without_keys(real["diff"]) == without_keys(check["diff"])
    if expect_changed:
        assert simulator.mutating_requests()
    simulator.clear_requests()
    again = run(module, diff=True, **args)
    assert not again.get("failed"), again
    assert again["changed"] is False, again
    assert simulator.mutating_requests() == []
    for result in (check, real, again):
        assert_no_secret(result)
    return check, real, again


def assert_fails_unchanged(run, simulator, module, words, **args):
    """The module fails naming every word in ``words`` and sends no change, in check mode and for real."""
    simulator.clear_requests()
    for check_mode in (True, False):
        result = run(module, check_mode=check_mode, **args)
        assert result.get("failed"), result
        for word in words:
            assert word in result["msg"], result["msg"]
        assert_no_secret(result)
    assert simulator.mutating_requests() == []
    return result
