"""outsystems.lifetime.application_version against the simulator, and the wait_for backoff it uses."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, backoff_delays, wait_for
from testlib.clock import VirtualClock

MUTATING = ("POST", "PUT", "DELETE")


def labels(simulator, app):
    return [version.version for version in simulator.state.find_app(app).versions]


def mutating(simulator):
    return [entry for entry in simulator.requests() if entry["method"] in MUTATING]


def without(diff, *keys):
    return {side: {key: value for key, value in diff[side].items() if key not in keys} for side in ("before", "after")}


# -- tagging -----------------------------------------------------------------------------------

def test_auto_tags_next_patch_of_modified_app_and_waits_until_visible(run_module, simulator):
    result = run_module("application_version", application="Customer Portal", environment="Development", change_log="Sprint 42")
    assert result["changed"] is True and result["tagged"] is True
    assert result["version"] == "1.2.1"
    assert result["previous_version"] == "1.2.0"
    assert result["application_name"] == "Customer Portal"
    assert "1.2.1" in labels(simulator, "Customer Portal")
    assert simulator.state.running_version("Development", "Customer Portal") == "1.2.1"
    assert simulator.state.is_modified("Development", "Customer Portal") is False
    posts = mutating(simulator)
    assert len(posts) == 1 and posts[0]["body"]["Version"] == "1.2.1" and posts[0]["body"]["ChangeLog"] == "Sprint 42"
    version = simulator.state.find_app("Customer Portal").version_by_label("1.2.1")
    assert result["version_key"] == version.key
    # it waited: a versions list was read after the POST
    after_post = simulator.requests()[simulator.requests().index(posts[0]) + 1:]
    assert any(entry["method"] == "GET" and entry["path"].endswith("/versions/") for entry in after_post)


def test_second_run_is_a_no_op_returning_the_tagged_version(run_module, simulator):
    first = run_module("application_version", application="Customer Portal", environment="Development")
    simulator.clear_requests()
    second = run_module("application_version", application="Customer Portal", environment="Development", diff=True)
    assert second["changed"] is False and second["tagged"] is False
    assert second["version"] == first["version"] == "1.2.1"
    assert second["version_key"] == first["version_key"]
    assert mutating(simulator) == []


def test_unmodified_app_is_not_tagged(run_module, simulator):
    result = run_module("application_version", application="Orders", environment="Development")
    assert result["changed"] is False and result["version"] == "2.1.0" and result["previous_version"] == "2.1.0"
    assert mutating(simulator) == []
    assert labels(simulator, "Orders") == ["2.0.0", "2.1.0"]


def test_unmodified_app_with_its_own_version_explicitly_is_a_no_op(run_module, simulator):
    result = run_module("application_version", application="Orders", environment="Development", version="2.1.0")
    assert result["changed"] is False and result["version"] == "2.1.0"
    assert mutating(simulator) == []


def test_unmodified_app_with_a_different_explicit_version_is_tagged(run_module, simulator):
    result = run_module("application_version", application="Orders", environment="Development", version="2.2.0")
    assert result["changed"] is True and result["version"] == "2.2.0"
    assert simulator.state.running_version("Development", "Orders") == "2.2.0"


@pytest.mark.parametrize("bump, expected", [("patch", "1.0.1"), ("minor", "1.1.0"), ("major", "2.0.0")])
def test_bump(run_module, simulator, bump, expected):
    result = run_module("application_version", application="Inventory", environment="Development", bump=bump)
    assert result["version"] == expected
    assert expected in labels(simulator, "Inventory")


def test_auto_compares_numerically(run_module, simulator):
    run_module("application_version", application="Inventory", environment="Development", version="1.9.0")
    simulator.state.find_app("Inventory").status[simulator.state.find_env("Development").key].modified = True
    result = run_module("application_version", application="Inventory", environment="Development", bump="minor")
    assert result["version"] == "1.10.0"


def test_mobile_versions_are_sent(run_module, simulator):
    simulator.state.find_app("Mobile Banking").status[simulator.state.find_env("Development").key].modified = True
    result = run_module("application_version", application="Mobile Banking", environment="Development",
                        mobile_versions=[{"native_platform": "Android", "version_number": "3.2.0"},
                                         {"native_platform": "iOS", "version_number": "3.2.0"}])
    assert result["changed"] is True and result["version"] == "3.1.1"
    body = mutating(simulator)[0]["body"]
    assert body["MobileVersions"] == [{"NativePlatform": "Android", "VersionNumber": "3.2.0"},
                                      {"NativePlatform": "iOS", "VersionNumber": "3.2.0"}]
    assert simulator.state.find_app("Mobile Banking").version_by_label("3.1.1").mobile_versions[0]["VersionNumber"] == "3.2.0"


def test_application_and_environment_by_key(run_module, simulator):
    app = simulator.state.find_app("Inventory")
    env = simulator.state.find_env("Development")
    result = run_module("application_version", application=app.key, environment=env.key)
    assert result["changed"] is True and result["version"] == "1.0.1" and result["environment_key"] == env.key


# -- check mode and diff -----------------------------------------------------------------------

def test_check_mode_sends_nothing_and_predicts_the_real_run(run_module, simulator):
    checked = run_module("application_version", application="Customer Portal", environment="Development", check_mode=True, diff=True)
    assert mutating(simulator) == []
    assert labels(simulator, "Customer Portal") == ["1.0.0", "1.1.0", "1.2.0"]
    assert checked["changed"] is True and checked["version"] == "1.2.1" and checked["version_key"] is None
    real = run_module("application_version", application="Customer Portal", environment="Development", diff=True)
    assert real["changed"] is checked["changed"] and real["version"] == checked["version"]
    assert without(real["diff"], "version_key") == without(checked["diff"], "version_key")
    assert real["diff"]["before"] == {"application": "Customer Portal", "environment": "Development", "version": "1.2.0",
                                      "version_key": simulator.state.find_app("Customer Portal").version_by_label("1.2.0").key,
                                      "is_modified": True}
    assert real["diff"]["after"]["version"] == "1.2.1" and real["diff"]["after"]["is_modified"] is False
    assert real["diff"]["after"]["version_key"] == real["version_key"]


def test_check_mode_no_op_predicts_no_change(run_module, simulator):
    checked = run_module("application_version", application="Orders", environment="Development", check_mode=True)
    assert checked["changed"] is False and checked["version"] == "2.1.0"
    assert mutating(simulator) == []


# -- failures ----------------------------------------------------------------------------------

def test_existing_version_fails_naming_it_and_the_highest(run_module, simulator):
    result = run_module("application_version", application="Customer Portal", environment="Development", version="1.1.0")
    assert result.get("failed")
    assert "1.1.0" in result["msg"] and "already exists" in result["msg"] and "1.2.0" in result["msg"]
    assert mutating(simulator) == []
    assert labels(simulator, "Customer Portal") == ["1.0.0", "1.1.0", "1.2.0"]


def test_version_a_modified_app_is_based_on_fails(run_module, simulator):
    result = run_module("application_version", application="Customer Portal", environment="Development", version="1.2.0")
    assert result.get("failed") and "1.2.0" in result["msg"] and "modified" in result["msg"]
    assert mutating(simulator) == []


def test_numerically_equal_version_counts_as_existing(run_module, simulator):
    result = run_module("application_version", application="Customer Portal", environment="Development", version="1.1")
    assert result.get("failed") and "already exists" in result["msg"]
    assert mutating(simulator) == []


@pytest.mark.parametrize("bad", ["1", "v1.2.3", "1.2.3.4", "1.x.0", "latest"])
def test_malformed_version_fails_naming_it(run_module, simulator, bad):
    result = run_module("application_version", application="Customer Portal", environment="Development", version=bad)
    assert result.get("failed") and "'%s'" % bad in result["msg"] and "Major.Minor" in result["msg"]
    assert simulator.requests() == []


def test_malformed_mobile_version_fails(run_module, simulator):
    result = run_module("application_version", application="Mobile Banking", environment="Development",
                        mobile_versions=[{"native_platform": "Android", "version_number": "three"}])
    assert result.get("failed") and "'three'" in result["msg"]
    assert simulator.requests() == []


def test_unknown_application_fails_with_valid_names(run_module, simulator):
    result = run_module("application_version", application="Customer Portl", environment="Development")
    assert result.get("failed") and "Customer Portl" in result["msg"]
    assert "Orders" in result["msg"] and "Did you mean 'Customer Portal'" in result["msg"]
    assert mutating(simulator) == []


def test_unknown_environment_fails_with_valid_names(run_module, simulator):
    result = run_module("application_version", application="Orders", environment="Staging")
    assert result.get("failed") and "Staging" in result["msg"]
    for name in ("Development", "Test", "Production"):
        assert name in result["msg"]
    assert mutating(simulator) == []


def test_application_not_running_in_environment_fails(run_module, simulator):
    result = run_module("application_version", application="HR Onboarding", environment="Production")
    assert result.get("failed") and "HR Onboarding" in result["msg"] and "Production" in result["msg"]
    assert mutating(simulator) == []


def test_environment_required_for_present(run_module, simulator):
    result = run_module("application_version", application="Orders")
    assert result.get("failed") and "environment is required" in result["msg"]
    assert simulator.requests() == []


def test_version_not_visible_in_time_fails_clearly(run_module, simulator, monkeypatch):
    monkeypatch.setattr(simulator.state, "tag_delay_seconds", 30)
    result = run_module("application_version", application="Inventory", environment="Development", wait_timeout=1)
    assert result.get("failed")
    assert "1.0.1" in result["msg"] and "wait_timeout" in result["msg"]


# -- absent ------------------------------------------------------------------------------------

def test_delete_unused_version_then_again_is_ok(run_module, simulator):
    result = run_module("application_version", application="Customer Portal", version="1.1.0", state="absent")
    # 1.1.0 runs in Test, so it is in use
    assert result.get("failed")
    run_module("application_version", application="Inventory", environment="Development", version="1.1.0")
    simulator.clear_requests()
    checked = run_module("application_version", application="Inventory", version="0.9.0", state="absent", check_mode=True, diff=True)
    assert checked["changed"] is True and mutating(simulator) == []
    assert "0.9.0" in labels(simulator, "Inventory")
    deleted = run_module("application_version", application="Inventory", version="0.9.0", state="absent", diff=True)
    assert deleted["changed"] is True and deleted["version"] == "0.9.0"
    assert deleted["diff"] == checked["diff"] and deleted["diff"]["before"]["version"] == "0.9.0" and deleted["diff"]["after"] == {}
    assert "0.9.0" not in labels(simulator, "Inventory")
    assert [entry["method"] for entry in mutating(simulator)] == ["DELETE"]
    simulator.clear_requests()
    again = run_module("application_version", application="Inventory", version="0.9.0", state="absent")
    assert again.get("failed") is None and again["changed"] is False
    assert mutating(simulator) == []


def test_delete_by_version_key(run_module, simulator):
    run_module("application_version", application="Customer Portal", environment="Development")  # 1.2.0 no longer runs in Dev
    key = simulator.state.find_app("Customer Portal").version_by_label("1.2.0").key
    result = run_module("application_version", application="Customer Portal", version_key=key, state="absent")
    assert result["changed"] is True and result["version"] == "1.2.0"
    assert "1.2.0" not in labels(simulator, "Customer Portal")


def test_delete_version_in_use_fails_naming_where_it_runs(run_module, simulator):
    result = run_module("application_version", application="Orders", version="2.1.0", state="absent")
    assert result.get("failed") and "in use" in result["msg"] and "2.1.0" in result["msg"]
    assert "Development" in result["msg"] and "Test" in result["msg"]
    assert mutating(simulator) == []
    assert "2.1.0" in labels(simulator, "Orders")


def test_delete_needs_a_version(run_module, simulator):
    result = run_module("application_version", application="Orders", state="absent")
    assert result.get("failed") and "version" in result["msg"]
    assert simulator.requests() == []


# -- wait_for ----------------------------------------------------------------------------------


def test_wait_for_backs_off_and_returns_the_answer():
    clock = VirtualClock()
    answers = iter([None, False, None, {"ready": True}])
    result = wait_for(lambda: next(answers), 60, sleep=clock.sleep, clock=clock.clock)
    assert result == {"ready": True}
    assert clock.pauses == [0.5, 0.8, 1.28]


def test_wait_for_caps_the_pause_and_times_out_with_the_last_answer():
    clock = VirtualClock()
    with pytest.raises(WaitTimeout) as caught:
        wait_for(lambda: 0, 40, first=1, longest=10, factor=2, sleep=clock.sleep, clock=clock.clock, what="the package")
    assert clock.pauses == [1, 2, 4, 8, 10, 10, 5]
    assert clock.now == 40
    assert "the package did not complete within 40 seconds" in str(caught.value)
    assert caught.value.last == 0


def test_wait_for_lets_the_check_stop_waiting():
    clock = VirtualClock()

    def check():
        raise RuntimeError("failed for good")

    with pytest.raises(RuntimeError):
        wait_for(check, 10, sleep=clock.sleep, clock=clock.clock)
    assert clock.pauses == []


def test_backoff_delays():
    delays = backoff_delays(0.5, 2, 2)
    assert [next(delays) for dummy in range(5)] == [0.5, 1, 2, 2, 2]


def test_wait_for_with_a_share_pauses_in_proportion_to_the_time_waited():
    clock = VirtualClock()
    with pytest.raises(WaitTimeout):
        wait_for(lambda: 0, 100, first=1, longest=15, share=0.1, sleep=clock.sleep, clock=clock.clock)
    pauses = clock.pauses[:-1]  # the last pause is cut short to end at the timeout
    assert pauses[:3] == [1.0, 1.0, 1.0]
    assert all(later >= earlier for earlier, later in zip(pauses, pauses[1:]))
    assert max(pauses) <= 15 and abs(pauses[-1] - min(15, 0.1 * sum(pauses[:-1]))) < 0.01
    assert abs(sum(clock.pauses) - 100) < 0.01
