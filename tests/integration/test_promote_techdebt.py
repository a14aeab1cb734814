"""The promote role's technical debt gate (AI Mentor Studio), with real ansible-playbook against the simulator."""

import pytest

from testlib.collection import REPO

PROMOTE = REPO / "playbooks" / "promote.yml"
AIMS_PATH = "/AIMentorStudioAPI/rest/v1"


@pytest.fixture
def aims_env(simulator):
    return {"AIMS_URL": simulator.aims_url, "AIMS_API_KEY": "demo-aims-key", "AIMS_ACTIVATION_CODE": "demo-activation-code"}


def aims_requests(simulator):
    return [entry for entry in simulator.requests() if entry["path"].startswith(AIMS_PATH)]


def versions(simulator, env, apps):
    return {app: simulator.state.running_version(env, app) for app in apps}


def test_the_gate_stops_the_promotion_before_anything_changes_and_names_every_offender(playbook, simulator, aims_env):
    # Pages of two applications: Customer Portal, Inventory | Mobile Banking, Orders | Shared Components.
    simulator.aims.configure({"max_page_size": 2})
    simulator.aims.configure({"application": "Mobile Banking", "level": "High",
                              "modules": {"MobileBanking": {"Security": {"SQL injection": 2}}}})
    apps = ["Customer Portal", "Inventory", "Mobile Banking", "Shared Components", "HR Onboarding"]
    before = {env: versions(simulator, env, apps) for env in ("Development", "Test")}
    versions_before = {app: len(simulator.state.find_app(app).versions) for app in apps}

    run = playbook(PROMOTE, env=aims_env, extra_vars={
        "applications": apps, "tag_modified": True, "techdebt_gate": True,
        "techdebt_max_level": "Medium", "techdebt_max_security_findings": 0})

    assert run.returncode != 0, run
    assert simulator.mutating_requests() == [], "the gate must stop before any tag or plan"
    assert {env: versions(simulator, env, apps) for env in ("Development", "Test")} == before
    assert {app: len(simulator.state.find_app(app).versions) for app in apps} == versions_before
    assert "Technical debt gate failed for 3 of 5 applications" in run.stdout, run
    assert ("Mobile Banking (level High, 2 security findings, findings by category: Security 2): level High is above Medium; "
            "2 security findings, more than 0") in run.stdout, run
    assert "Inventory (level Medium, 1 security findings, findings by category: Architecture 1, Security 1): 1 security findings" in run.stdout
    assert "HR Onboarding (no data): AI Mentor Studio has no technical debt data for it" in run.stdout
    assert "Customer Portal (" not in run.stdout and "Shared Components (" not in run.stdout
    # Every page of the listing was read; only the application missing from it was asked for on its own (404).
    listing = [entry["query"]["Offset"] for entry in aims_requests(simulator)
               if entry["path"].endswith("/TechnicalDebt_Application") and "ApplicationGUID" not in entry["query"]]
    assert listing == ["0", "2", "4"]
    alone = [(entry["query"]["ApplicationGUID"], entry["status"]) for entry in aims_requests(simulator) if "ApplicationGUID" in entry["query"]]
    assert alone == [(simulator.state.find_app("HR Onboarding").key, 404)]
    assert "demo-aims-key" not in run.output and "demo-activation-code" not in run.output


def test_a_passing_gate_lets_the_promotion_deploy(playbook, simulator, aims_env):
    run = playbook(PROMOTE, env=aims_env, extra_vars={
        "applications": ["Customer Portal", "Shared Components"], "techdebt_gate": True, "techdebt_max_level": "Medium"})

    assert run.returncode == 0, run
    gate = run.stdout.split("TASK [outsystems.lifetime.promote : Stop when an application is above the technical debt thresholds]")
    assert len(gate) == 2 and gate[1].lstrip(" *\n").startswith("skipping"), run
    assert versions(simulator, "Test", ["Customer Portal"]) == {"Customer Portal": "1.2.0"}
    assert [entry for entry in aims_requests(simulator) if entry["path"].endswith("/TechnicalDebt_Application")]


def test_no_data_may_be_allowed(playbook, simulator, aims_env):
    run = playbook(PROMOTE, env=aims_env, extra_vars={
        "applications": ["HR Onboarding"], "techdebt_gate": True, "techdebt_allow_no_data": True})

    assert run.returncode == 0, run
    assert versions(simulator, "Test", ["HR Onboarding"]) == {"HR Onboarding": "1.0.0"}


def test_an_unknown_level_name_fails_naming_the_valid_ones(playbook, simulator, aims_env):
    run = playbook(PROMOTE, env=aims_env, extra_vars={
        "applications": ["Customer Portal"], "techdebt_gate": True, "techdebt_max_level": "Severe"})

    assert run.returncode != 0, run
    assert "'Severe'" in run.stdout and "Low, Medium, High" in run.stdout, run
    assert simulator.mutating_requests() == []


def test_the_pipeline_stops_before_production_on_technical_debt(playbook, simulator, aims_env, tmp_path):
    manifest = tmp_path / "release.yml"
    extra = {"manifest": str(manifest), "applications": ["Customer Portal", "Orders"]}
    assert playbook(REPO / "playbooks" / "pipeline.yml", env=aims_env, extra_vars=extra).returncode == 0
    simulator.clear_requests()

    run = playbook(REPO / "playbooks" / "pipeline.yml", env=aims_env,
                   extra_vars=dict(extra, confirm_production=True, techdebt_gate=True))

    assert run.returncode != 0, run
    assert "Technical debt gate failed for 1 of 2 applications" in run.stdout and "Orders (level High" in run.stdout, run
    assert simulator.mutating_requests() == []
    assert versions(simulator, "Production", ["Customer Portal", "Orders"]) == {"Customer Portal": "1.0.0", "Orders": "2.0.0"}
