"""outsystems.lifetime.application_matrix_info against the simulator: what runs where, and what it costs in requests."""

import pytest

# What the seeded simulator runs: application -> versions in Development, Test, Production (None: not deployed).
SEEDED = {
    "Customer Portal": ["1.2.0", "1.1.0", "1.0.0"],
    "HR Onboarding": ["1.0.0", None, None],
    "Inventory": ["1.0.0", "1.0.0", "1.0.0"],
    "Mobile Banking": ["3.1.0", "3.0.0", "3.0.0"],
    "Orders": ["2.1.0", "2.1.0", "2.0.0"],
    "Shared Components": ["1.1.0", "1.1.0", "1.0.0"],
}


def version_lists(simulator):
    return [r["path"] for r in simulator.requests() if r["path"].rstrip("/").endswith("/versions")]


@pytest.mark.parametrize("profile", ["documented", "swagger"])
def test_matrix_of_the_seeded_infrastructure(simulator, run_module, profile):
    """Labels come from the statuses when the server sends them (swagger), else from one versions read per application."""
    simulator.set_profile(profile)
    result = run_module("application_matrix_info")
    assert not result.get("failed") and result["changed"] is False, result
    assert [env["name"] for env in result["environments"]] == ["Development", "Test", "Production"]
    assert [row["name"] for row in result["rows"]] == sorted(SEEDED)
    for row in result["rows"]:
        app = simulator.state.find_app(row["name"])
        assert [cell["version"] for cell in row["cells"]] == SEEDED[row["name"]], row["name"]
        assert [cell["version_key"] for cell in row["cells"]] == [
            app.version_by_label(label).key.lower() if label else None for label in SEEDED[row["name"]]]
        assert [cell["environment"] for cell in row["cells"]] == ["Development", "Test", "Production"]
    assert result["drift"] == [
        {"from": "Development", "to": "Test", "applications": ["Customer Portal", "HR Onboarding", "Mobile Banking"]},
        {"from": "Test", "to": "Production", "applications": ["Customer Portal", "Orders", "Shared Components"]}]
    modified = sorted(row["name"] for row in result["rows"] if row["cells"][0]["modified"])
    assert modified == ["Customer Portal", "Inventory", "Shared Components"]
    assert not any(cell["modified"] for row in result["rows"] for cell in row["cells"][1:])
    assert len(version_lists(simulator)) == (0 if profile == "swagger" else len(SEEDED))
    assert {r["method"] for r in simulator.requests()} == {"GET"}


def test_without_labels_two_requests(simulator, run_module):
    result = run_module("application_matrix_info", version_labels=False)
    assert len(simulator.requests()) == 2 and version_lists(simulator) == []
    orders = next(row for row in result["rows"] if row["name"] == "Orders")
    assert [cell["version"] for cell in orders["cells"]] == [None, None, None]
    assert [cell["drift"] for cell in orders["cells"]] == [False, False, True]
    assert orders["cells"][2]["version_key"] == simulator.state.find_app("Orders").version_by_label("2.0.0").key.lower()


def test_check_mode_reads_the_same(simulator, run_module):
    normal = run_module("application_matrix_info")
    checked = run_module("application_matrix_info", check_mode=True)
    assert checked["rows"] == normal["rows"] and checked["drift"] == normal["drift"]
