"""outsystems.lifetime.application_package against the simulator."""

import hashlib
import json
import zipfile

MUTATING = ("POST", "PUT", "DELETE")


def mutating(simulator):
    return [entry for entry in simulator.requests() if entry["method"] in MUTATING]


def manifest(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("lifetime-simulator-manifest.json"))


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_download_version_into_directory(run_module, simulator, tmp_path):
    result = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(tmp_path))
    path = tmp_path / "Customer Portal_1.1.0.oap"
    assert result["changed"] is True and result["path"] == str(path)
    assert path.is_file() and result["size"] == path.stat().st_size and result["sha256"] == sha256(path)
    version = simulator.state.find_app("Customer Portal").version_by_label("1.1.0")
    assert manifest(path)["VersionKey"] == version.key
    assert result["version"] == "1.1.0" and result["version_key"] == version.key
    assert result["application_key"] == simulator.state.find_app("Customer Portal").key
    assert mutating(simulator) == []
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_second_run_is_unchanged(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.oap"
    first = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest))
    mtime = dest.stat().st_mtime_ns
    second = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest))
    assert first["changed"] is True and second["changed"] is False
    assert second["sha256"] == first["sha256"] and dest.stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["portal.oap"]


def test_different_content_is_replaced(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.oap"
    dest.write_bytes(b"an old package")
    result = run_module("application_package", application="Customer Portal", version="1.2.0", dest=str(dest), diff=True)
    assert result["changed"] is True and manifest(dest)["Version"] == "1.2.0"
    assert result["diff"]["before"]["sha256"] == hashlib.sha256(b"an old package").hexdigest()
    assert result["diff"]["after"]["sha256"] == result["sha256"]


def test_force_rewrites_identical_content(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.oap"
    run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest))
    result = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest), force=True)
    assert result["changed"] is True


def test_running_in_environment(run_module, simulator, tmp_path):
    result = run_module("application_package", application="Orders", environment="Production", dest=str(tmp_path))
    path = tmp_path / "Orders_2.0.0.oap"
    assert result["changed"] is True and path.is_file() and result["version"] == "2.0.0"
    assert manifest(path)["Version"] == "2.0.0"
    link_request = next(entry for entry in simulator.requests() if entry["path"].endswith("/content/"))
    assert "/environments/" in link_request["path"]


def test_check_mode_writes_nothing_and_predicts(run_module, simulator, tmp_path):
    dest = tmp_path / "portal.oap"
    checked = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest), check_mode=True, diff=True)
    assert checked["changed"] is True and not dest.exists() and list(tmp_path.iterdir()) == []
    real = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest), diff=True)
    assert real["changed"] is True and real["diff"] == checked["diff"] and real["sha256"] == checked["sha256"]
    again = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest), check_mode=True)
    assert again["changed"] is False
    assert mutating(simulator) == []


def test_expired_link_is_requested_again_once(run_module, simulator, tmp_path):
    simulator.set_scenario("link_expired")
    dest = tmp_path / "portal.oap"
    result = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest))
    assert result.get("failed")
    assert "download link" in result["msg"] and "fresh link" in result["msg"] and "Nothing was written" in result["msg"]
    link_requests = [entry for entry in simulator.requests() if entry["path"].endswith("/content/")]
    assert len(link_requests) == 2
    assert list(tmp_path.iterdir()) == []


def test_expired_link_then_fresh_link_succeeds(run_module, simulator, tmp_path):
    """The first link is dead, the fresh one works."""
    from lifetime_simulator import downloads

    original = downloads.create_link
    calls = []

    def first_dead(state, root_url, payload, filename):
        link = original(state, root_url, payload, filename)
        calls.append(link)
        if len(calls) == 1:
            downloads.expire_all_links(state)
        return link

    import lifetime_simulator.handlers_apps as handlers
    handlers.create_link = first_dead
    try:
        dest = tmp_path / "portal.oap"
        result = run_module("application_package", application="Customer Portal", version="1.1.0", dest=str(dest))
    finally:
        handlers.create_link = original
    assert result.get("failed") is None and result["changed"] is True and dest.is_file()
    assert len(calls) == 2


def test_unknown_version_fails_naming_existing(run_module, simulator, tmp_path):
    result = run_module("application_package", application="Customer Portal", version="7.0.0", dest=str(tmp_path))
    assert result.get("failed") and "7.0.0" in result["msg"] and "1.2.0" in result["msg"]
    assert list(tmp_path.iterdir()) == []


def test_unknown_application_and_environment_fail(run_module, simulator, tmp_path):
    result = run_module("application_package", application="Nope", version="1.0.0", dest=str(tmp_path))
    assert result.get("failed") and "Nope" in result["msg"] and "Orders" in result["msg"]
    result = run_module("application_package", application="Orders", environment="QA", dest=str(tmp_path))
    assert result.get("failed") and "QA" in result["msg"] and "Production" in result["msg"]
    assert list(tmp_path.iterdir()) == []


def test_version_and_environment_are_exclusive(run_module, simulator, tmp_path):
    result = run_module("application_package", application="Orders", version="2.0.0", environment="Test", dest=str(tmp_path))
    assert result.get("failed") and "mutually exclusive" in result["msg"]
    result = run_module("application_package", application="Orders", dest=str(tmp_path))
    assert result.get("failed") and "one of the following" in result["msg"]


def test_missing_directory_fails(run_module, simulator, tmp_path):
    result = run_module("application_package", application="Orders", version="2.0.0", dest=str(tmp_path / "no" / "x.oap"))
    assert result.get("failed") and "does not exist" in result["msg"]
