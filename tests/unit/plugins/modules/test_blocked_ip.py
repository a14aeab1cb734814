"""outsystems.lifetime.blocked_ip against the simulator."""

from test_user_access_support import assert_fails_unchanged, converge


def test_list(run, simulator):
    result = run("blocked_ip")
    assert result["changed"] is False
    assert [item["ip_address"] for item in result["blocked_addresses"]] == ["203.0.113.7"]
    assert run("blocked_ip", environment="Production")["blocked_addresses"] == []
    assert simulator.mutating_requests() == []


def test_unblock(run, simulator):
    _check, real, _again = converge(run, simulator, "blocked_ip", address="203.0.113.7", state="absent")
    assert not [a for a in simulator.state.blocked_logins if a["ipAddress"] == "203.0.113.7"]
    assert real["diff"] == {"before": {"blocked_addresses": ["203.0.113.7"]}, "after": {"blocked_addresses": []}}
    assert real["blocked_addresses"] == []


def test_not_blocked_is_no_change(run, simulator):
    converge(run, simulator, "blocked_ip", expect_changed=False, address="192.0.2.1")


def test_unknown_environment(run, simulator):
    assert_fails_unchanged(run, simulator, "blocked_ip", ["Staging", "Development"], address="203.0.113.7", environment="Staging")
