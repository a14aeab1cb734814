"""outsystems.lifetime.application_matrix_report against the simulator: the files it writes, and when it writes them."""

import datetime

from ansible_collections.outsystems.lifetime.plugins.module_utils.matrix_report import markdown_page


def table(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|")]


def test_writes_both_files_reading_only_and_rewrites_them_only_when_their_text_changes(simulator, run_module, tmp_path):
    report = tmp_path / "deep" / "report"
    first = run_module("application_matrix_report", path=str(report), generated="nightly")
    assert not first.get("failed") and first["changed"] is True, first
    assert [(entry["format"], entry["path"], entry["changed"]) for entry in first["files"]] == [
        ("html", str(report / "report.html"), True), ("markdown", str(report / "report.md"), True)]
    assert first["environments"] == ["Development", "Test", "Production"] and first["application_count"] == 6
    assert first["drift"][1] == {"from": "Test", "to": "Production", "applications": ["Customer Portal", "Orders", "Shared Components"]}
    assert {entry["method"] for entry in simulator.requests()} == {"GET"}
    assert "| Orders | 2.1.0 | 2.1.0 | **2.0.0** \u26a0 |" in table(report / "report.md")
    assert 'data-application="Orders"' in (report / "report.html").read_text(encoding="utf-8")
    assert "diff" not in first

    stamp = (report / "report.html").stat().st_mtime_ns
    again = run_module("application_matrix_report", path=str(report), generated="nightly", diff=True)
    assert again["changed"] is False and [entry["changed"] for entry in again["files"]] == [False, False]
    assert "diff" not in again and (report / "report.html").stat().st_mtime_ns == stamp


def test_a_change_in_lifetime_is_predicted_by_check_mode_with_its_diff_then_written(simulator, run_module, virtual_clock, tmp_path):
    run_module("application_matrix_report", path=str(tmp_path), generated="nightly", formats=["markdown"])
    before = (tmp_path / "report.md").read_text(encoding="utf-8")
    moved = run_module("deployment", source_environment="Test", target_environment="Production", applications=["Orders"],
                       wait_timeout=60)
    assert moved["changed"] is True, moved
    simulator.clear_requests()

    checked = run_module("application_matrix_report", path=str(tmp_path), generated="nightly", formats=["markdown"], check_mode=True, diff=True)
    assert checked["changed"] is True and simulator.mutating_requests() == []
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == before and not (tmp_path / "report.html").exists()
    [diff] = checked["diff"]
    assert diff["before"] == before and diff["before_header"] == str(tmp_path / "report.md")
    assert "| Orders | 2.1.0 | 2.1.0 | 2.1.0 |" in diff["after"].splitlines()

    real = run_module("application_matrix_report", path=str(tmp_path), generated="nightly", formats=["markdown"], diff=True)
    assert real["changed"] is True and real["diff"] == checked["diff"]
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == diff["after"]


def test_without_labels_two_requests_and_keys_shown(simulator, run_module, tmp_path):
    result = run_module("application_matrix_report", path=str(tmp_path), formats=["markdown"], version_labels=False)
    assert len(simulator.requests()) == 2, simulator.requests()
    orders = simulator.state.find_app("Orders")
    newer, older = orders.version_by_label("2.1.0").key.lower(), orders.version_by_label("2.0.0").key.lower()
    assert "| Orders | %s | %s | **%s** \u26a0 |" % (newer, newer, older) in table(tmp_path / "report.md")
    assert result["files"] == [{"format": "markdown", "path": str(tmp_path / "report.md"), "changed": True}]


def test_the_default_date_is_the_current_minute_in_utc(simulator, run_module, tmp_path):
    run_module("application_matrix_report", path=str(tmp_path), formats=["markdown"])
    line = (tmp_path / "report.md").read_text(encoding="utf-8").splitlines()[2]
    assert line.startswith("Generated 20") and line.endswith(" UTC. Each cell is the version running in that environment;")
    stamp = line[len("Generated "):-len(". Each cell is the version running in that environment;")]
    parsed = datetime.datetime.strptime(stamp, "%Y-%m-%d %H:%M UTC").replace(tzinfo=datetime.timezone.utc)
    assert abs((datetime.datetime.now(datetime.timezone.utc) - parsed).total_seconds()) < 120


def test_bad_input_changes_nothing(simulator, run_module, tmp_path):
    result = run_module("application_matrix_report", path=str(tmp_path), formats=["pdf"])
    assert result["failed"] and "pdf" in result["msg"] and "html, markdown" in result["msg"], result
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x")
    result = run_module("application_matrix_report", path=str(not_a_directory))
    assert result["failed"] and result["msg"] == (
        "path %s is not a directory: the report writes report.html and report.md into a directory" % not_a_directory), result
    assert "exception" not in result and not_a_directory.read_text() == "x"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file"]


def test_the_page_is_the_module_utils_page(simulator, run_module, tmp_path):
    """The module writes exactly what matrix_report renders of application_matrix_info's result."""
    matrix = run_module("application_matrix_info")
    run_module("application_matrix_report", path=str(tmp_path), formats=["markdown"], generated="g", title="T")
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == markdown_page(matrix, "T", "g")
