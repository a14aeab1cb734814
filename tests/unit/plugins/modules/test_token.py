"""outsystems.lifetime.token against the simulator."""


def test_renew(run, simulator):
    result = run("token", diff=True, duration=6)
    assert result["changed"] is True
    assert result["token"] and result["token"] != "demo-token" and "VALUE_SPECIFIED" not in result["token"]
    assert result["token"] in simulator.state.tokens
    assert result["expires_at"].startswith("20")
    assert "token" not in repr(result["diff"]).replace("duration", "")
    assert [entry["body"] for entry in simulator.mutating_requests()] == [{"timePeriod": 6, "unit": "M"}]


def test_check_mode_sends_nothing(run, simulator):
    result = run("token", check_mode=True, diff=True, duration=6)
    assert result["changed"] is True and result["token"] is None
    assert simulator.mutating_requests() == []


def test_bad_duration(run, simulator):
    result = run("token", duration=0)
    assert result["failed"] and "duration" in result["msg"]
    assert simulator.mutating_requests() == []
