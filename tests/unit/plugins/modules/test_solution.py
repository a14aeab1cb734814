"""outsystems.lifetime.solution against the simulator."""

import hashlib
import zipfile

MUTATING = ("POST", "PUT", "DELETE")


def mutating(simulator):
    return [entry for entry in simulator.requests() if entry["method"] in MUTATING]


def test_build_and_download(run_module, simulator, tmp_path):
    result = run_module("solution", environment="Test", applications=["Customer Portal", "Orders"], solution_name="Release 42",
                        include_references=False, dest=str(tmp_path))
    path = tmp_path / "Release 42.osp"
    assert result["changed"] is True and result["status"] == "Completed" and result["solution_key"]
    assert result["path"] == str(path) and path.is_file() and zipfile.is_zipfile(path)
    assert result["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    posts = mutating(simulator)
    assert len(posts) == 1 and posts[0]["path"].endswith("/solution")
    state = simulator.state
    assert posts[0]["body"] == {"SolutionName": "Release 42", "IncludeReferences": False,
                                "ApplicationKeys": [state.find_app("Customer Portal").key, state.find_app("Orders").key]}
    assert any("/solutionstatus/" + result["solution_key"] in entry["path"] for entry in simulator.requests())


def test_default_name_and_existing_dest(run_module, simulator, tmp_path):
    first = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path))
    assert first["path"] == str(tmp_path / "Orders.osp")
    simulator.clear_requests()
    again = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path))
    assert again["changed"] is False and again["solution_key"] is None and mutating(simulator) == []
    forced = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path), force=True)
    assert forced["changed"] is False and len(mutating(simulator)) == 1


def test_check_mode_sends_no_post(run_module, simulator, tmp_path):
    checked = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path), check_mode=True, diff=True)
    assert checked["changed"] is True and mutating(simulator) == [] and list(tmp_path.iterdir()) == []
    real = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path), diff=True)
    assert real["changed"] is True and real["diff"]["before"] == checked["diff"]["before"] == {}


def test_aborted_solution_fails(run_module, simulator, tmp_path, monkeypatch):
    import lifetime_simulator.handlers_packages as packages
    monkeypatch.setattr(packages, "SOLUTION_STEPS", ("Created", "Aborted"))
    result = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path))
    assert result.get("failed") and "Aborted" in result["msg"]
    assert list(tmp_path.iterdir()) == []


def test_failures_name_valid_choices(run_module, simulator, tmp_path):
    result = run_module("solution", environment="Production", applications=["Orders", "HR Onboarding"], dest=str(tmp_path))
    assert result.get("failed") and "HR Onboarding" in result["msg"] and "Production" in result["msg"]
    result = run_module("solution", environment="Test", applications=["Ordrs"], dest=str(tmp_path))
    assert result.get("failed") and "Did you mean 'Orders'" in result["msg"]
    result = run_module("solution", environment="Tst", applications=["Orders"], dest=str(tmp_path))
    assert result.get("failed") and "Tst" in result["msg"] and "Test" in result["msg"]
    result = run_module("solution", environment="Test", applications=[], dest=str(tmp_path))
    assert result.get("failed") and "at least one" in result["msg"]
    assert mutating(simulator) == [] and list(tmp_path.iterdir()) == []


def test_expired_link(run_module, simulator, tmp_path):
    simulator.set_scenario("link_expired")
    result = run_module("solution", environment="Test", applications=["Orders"], dest=str(tmp_path))
    assert result.get("failed") and "fresh link" in result["msg"]
    assert list(tmp_path.iterdir()) == []
