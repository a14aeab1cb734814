"""outsystems.lifetime.maintenance_mode against the simulator.

LifeTime's API cannot read the maintenance mode (no endpoint returns it), so every run sets it and is a change;
check mode predicts exactly that without sending anything.
"""

from test_user_access_support import assert_fails_unchanged


def test_enable_then_disable(run, simulator):
    check = run("maintenance_mode", check_mode=True, diff=True, environment="Production", enabled=True, reason="Release 2.1")
    assert check["changed"] is True and simulator.mutating_requests() == []
    assert simulator.state.find_env("Production").maintenance is False
    real = run("maintenance_mode", diff=True, environment="Production", enabled=True, reason="Release 2.1")
    assert real["changed"] is True and real["diff"] == check["diff"]
    assert real["current_known"] is False and real["diff"]["before"]["enabled"] is None
    env = simulator.state.find_env("Production")
    assert env.maintenance is True and env.maintenance_reason == "Release 2.1"
    assert [(entry["method"], entry["body"]) for entry in simulator.mutating_requests()] == [
        ("PUT", {"IsMaintenanceModeEnabled": True, "Reason": "Release 2.1"})]
    run("maintenance_mode", environment="Production", enabled=False)
    assert simulator.state.find_env("Production").maintenance is False


def test_unknown_environment(run, simulator):
    assert_fails_unchanged(run, simulator, "maintenance_mode", ["Staging", "Development", "Test", "Production"],
                           environment="Staging", enabled=True)
