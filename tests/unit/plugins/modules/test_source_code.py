"""outsystems.lifetime.source_code against the simulator."""

import hashlib
import zipfile

MUTATING = ("POST", "PUT", "DELETE")


def mutating(simulator):
    return [entry for entry in simulator.requests() if entry["method"] in MUTATING]


def test_application_source_code(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.zip"
    result = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest))
    assert result["changed"] is True and result["status"] == "Done" and result["package_key"]
    assert dest.is_file() and zipfile.is_zipfile(dest)
    assert result["sha256"] == hashlib.sha256(dest.read_bytes()).hexdigest() and result["size"] == dest.stat().st_size
    posts = mutating(simulator)
    assert len(posts) == 1 and posts[0]["path"].endswith("/sourcecodeaccess/") and "/applications/" in posts[0]["path"]
    polls = [entry for entry in simulator.requests() if entry["path"].endswith("/status/")]
    assert polls and all(result["package_key"] in entry["path"] for entry in polls)
    assert any(entry["path"].endswith("/download/") for entry in simulator.requests())


def test_module_source_code_into_directory(run_module, simulator, tmp_path):
    result = run_module("source_code", module="Orders", environment="Test", dest=str(tmp_path))
    path = tmp_path / "Orders_source.zip"
    assert result["changed"] is True and result["path"] == str(path) and path.is_file()
    assert "/modules/" in mutating(simulator)[0]["path"]


def test_existing_dest_is_left_alone(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.zip"
    run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest))
    simulator.clear_requests()
    again = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest))
    assert again["changed"] is False and again["package_key"] is None and mutating(simulator) == []
    assert again["sha256"] == hashlib.sha256(dest.read_bytes()).hexdigest()


def test_force_fetches_again_and_compares(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.zip"
    run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest))
    simulator.clear_requests()
    forced = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest), force=True)
    assert len(mutating(simulator)) == 1
    assert forced["changed"] is False  # same content
    dest.write_bytes(b"stale")
    replaced = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest), force=True)
    assert replaced["changed"] is True and zipfile.is_zipfile(dest)


def test_check_mode_sends_no_post(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.zip"
    checked = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest), check_mode=True)
    assert checked["changed"] is True and mutating(simulator) == [] and not dest.exists()
    real = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest))
    assert real["changed"] is checked["changed"]
    simulator.clear_requests()
    checked = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest), check_mode=True)
    assert checked["changed"] is False and mutating(simulator) == []


def test_timeout_fails_clearly(run_module, simulator, tmp_path, monkeypatch):
    import lifetime_simulator.handlers_packages as packages
    monkeypatch.setattr(packages, "package_done", lambda package: False)
    dest = tmp_path / "portal.zip"
    result = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest), wait_timeout=1)
    assert result.get("failed") and "wait_timeout" in result["msg"] and "InProgress" in result["msg"]
    assert not dest.exists()


def test_expired_link_fails_after_one_fresh_link(run_module, simulator, tmp_path):
    simulator.set_scenario("link_expired")
    dest = tmp_path / "portal.zip"
    result = run_module("source_code", application="Customer Portal", environment="Development", dest=str(dest))
    assert result.get("failed") and "fresh link" in result["msg"]
    assert len([entry for entry in simulator.requests() if entry["path"].endswith("/download/")]) == 2
    assert list(tmp_path.iterdir()) == []


def test_failures_name_valid_choices(run_module, simulator, tmp_path):
    result = run_module("source_code", application="HR Onboarding", environment="Test", dest=str(tmp_path))
    assert result.get("failed") and "HR Onboarding" in result["msg"] and "Customer Portal" in result["msg"]
    result = run_module("source_code", module="NoSuchModule", environment="Test", dest=str(tmp_path))
    assert result.get("failed") and "NoSuchModule" in result["msg"]
    result = run_module("source_code", application="Orders", environment="Stage", dest=str(tmp_path))
    assert result.get("failed") and "Stage" in result["msg"] and "Development" in result["msg"]
    result = run_module("source_code", application="Orders", module="Orders", environment="Test", dest=str(tmp_path))
    assert result.get("failed") and "mutually exclusive" in result["msg"]
    assert mutating(simulator) == [] and list(tmp_path.iterdir()) == []
