"""The job templates of docs/awx/job_templates.yml run as AWX runs them: through ansible-runner (the engine of AWX and
Automation Platform jobs), each job in a private data directory of its own holding the project, with the environment its
credentials' injectors give (rendered from docs/awx/credential_type*.yml as AWX renders them), the template's extra
vars plus the artifacts of the workflow nodes before it; results are read from ansible-runner's job events, as AWX does."""

import json
import os
import shutil

import ansible_runner
import pytest
import requests
import yaml
from jinja2.sandbox import SandboxedEnvironment

from testlib.collection import BIN, REPO

AWX = REPO / "docs" / "awx"
TEMPLATES = yaml.safe_load((AWX / "job_templates.yml").read_text())
CREDENTIAL_TYPES = {"lifetime": AWX / "credential_type.yml", "aims": AWX / "credential_type_aims.yml"}


def injected_environment(kind, inputs):
    """The environment variables a credential of docs/awx's type ``kind`` injects, rendered as AWX renders them."""
    credential_type = yaml.safe_load(CREDENTIAL_TYPES[kind].read_text())
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    assert set(inputs) <= set(fields), "no such input in %s" % CREDENTIAL_TYPES[kind].name
    values = {name: inputs.get(name, field.get("default", "")) for name, field in fields.items()}
    jinja = SandboxedEnvironment()
    return {name: jinja.from_string(template).render(**values) for name, template in credential_type["injectors"]["env"].items()}


class Job:
    """One finished job: ansible-runner's Runner, with what AWX reads from its events."""

    def __init__(self, runner):
        self.runner = runner
        self.events = list(runner.events)

    @property
    def status(self):
        return self.runner.status

    def ok_results(self, task):
        return [event["event_data"]["res"] for event in self.events
                if event["event"] == "runner_on_ok" and event["event_data"].get("task") == task]

    def failures(self):
        return [event["event_data"] for event in self.events if event["event"] == "runner_on_failed"]

    @property
    def artifacts(self):
        """What set_stats published: the artifacts AWX hands to the next workflow nodes as extra vars."""
        stats = [event["event_data"] for event in self.events if event["event"] == "playbook_on_stats"]
        assert len(stats) == 1, self.stdout
        return stats[0].get("artifact_data", {})

    @property
    def stdout(self):
        return self.runner.stdout.read()

    def __repr__(self):
        return "Job(status=%s)\n%s" % (self.status, self.stdout[-6000:])


@pytest.fixture
def awx_job(installed_collection, simulator, tmp_path):
    """awx_job(template name, credentials={kind: inputs}, extra_vars={}) -> Job, run like AWX runs a workflow node.

    ``extra_vars`` are what AWX adds to the template's own: the artifacts of the nodes before, answers to a survey."""
    count = [0]

    def run(name, credentials, extra_vars=None, check=False, project_files=None):
        template = next(template for template in TEMPLATES["job_templates"] if template["name"] == name)
        assert sorted(credentials) == sorted(template["credentials"]), "attach the credentials the template lists"
        count[0] += 1
        private = tmp_path / ("job-%d" % count[0])
        project = private / "project"
        project.mkdir(parents=True)
        # The project (a Git repository of the user's) holds docs/awx's files.
        for playbook in AWX.glob("*.yml"):
            shutil.copy(playbook, project / playbook.name)
        for file_name, content in (project_files or {}).items():
            (project / file_name).write_text(json.dumps(content))
        # The EE's ansible-playbook is the one of .venv (first on PATH).
        env = {"PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", "")]), "ANSIBLE_COLLECTIONS_PATH": str(installed_collection),
               "ANSIBLE_HOME": str(private / "ansible-home"), "ANSIBLE_LOCAL_TEMP": str(private / "ansible-tmp"), "ANSIBLE_DEPRECATION_WARNINGS": "0"}
        for kind, inputs in credentials.items():
            env.update(injected_environment(kind, inputs))
        extra_vars = dict(template.get("extra_vars", {}), **(extra_vars or {}))
        runner = ansible_runner.run(
            private_data_dir=str(private), playbook=template["playbook"],
            inventory="localhost ansible_connection=local ansible_python_interpreter=%s" % (BIN / "python"),
            envvars=env, extravars=extra_vars, quiet=True, settings={"job_timeout": 300}, cmdline="--check" if check else None)
        return Job(runner)

    return run


@pytest.fixture
def credentials(simulator):
    return {"lifetime": {"lifetime_url": simulator.root_url, "lifetime_token": "demo-token", "validate_certs": True},
            "aims": {"aims_url": simulator.aims_url, "aims_api_key": "demo-aims-key", "aims_activation_code": "demo-activation-code"}}


def nodes_in_order():
    """The workflow's job template nodes from its first node along success_nodes (approval and external nodes left out)."""
    nodes = {node["identifier"]: node for node in TEMPLATES["workflow"]["nodes"]}
    ours = {template["name"] for template in TEMPLATES["job_templates"]}
    order, current = [], TEMPLATES["workflow"]["nodes"][0]["identifier"]
    while current:
        node = nodes[current]
        if node.get("unified_job_template") in ours:
            order.append(node["unified_job_template"])
        current = (node.get("success_nodes") or [None])[0]
    return order


def summary_of(job):
    """promote_summary as the summary task's runner_on_ok event carries it."""
    facts = job.ok_results("Summarize the promotion (promote_summary)")
    assert len(facts) == 1, job
    return facts[0]["ansible_facts"]["promote_summary"]


def test_the_workflow_runs_through_ansible_runner_with_the_injected_credentials(awx_job, credentials, simulator):
    assert nodes_in_order() == ["LifeTime promote Development to Test", "LifeTime promote Test to Production", "LifeTime report"]
    # Launched with promote_applications (a survey or a prompt on launch in AWX) to promote two applications.
    to_test = awx_job("LifeTime promote Development to Test", {"lifetime": credentials["lifetime"]},
                      {"promote_applications": ["Customer Portal", "Mobile Banking"]})
    assert to_test.status == "successful", to_test
    handed_over = to_test.artifacts
    assert {(app["name"], app["version"]) for app in handed_over["lifetime_manifest"]["applications"]} == {
        ("Customer Portal", "1.2.1"), ("Mobile Banking", "3.1.0")}
    summary = summary_of(to_test)
    assert handed_over["lifetime_summary"] == summary
    assert (summary["status"], summary["target_environment"]) == ("finished_successful", "Test")
    assert {(app["name"], app["to_version"]) for app in summary["applications"]} == {("Customer Portal", "1.2.1"), ("Mobile Banking", "3.1.0")}

    to_production = awx_job("LifeTime promote Test to Production", credentials, handed_over)
    assert to_production.status == "successful", to_production
    gate = to_production.ok_results("Read the technical debt of the selected applications from AI Mentor Studio")
    assert len(gate) == 1 and gate[0]["gate"]["passed"] is True
    summary = summary_of(to_production)
    assert summary["gates"] == [{"name": "technical_debt", "passed": True, "message": gate[0]["gate"]["message"]}]
    assert {(app["name"], app["to_version"]) for app in summary["applications"]} == {("Customer Portal", "1.2.1"), ("Mobile Banking", "3.1.0")}
    assert {name: simulator.state.running_version("Production", name) for name in ("Customer Portal", "Mobile Banking")} == {
        "Customer Portal": "1.2.1", "Mobile Banking": "3.1.0"}
    assert "demo-token" not in to_production.stdout and "demo-aims-key" not in to_production.stdout

    report = awx_job("LifeTime report", {"lifetime": credentials["lifetime"]})
    assert report.status == "successful", report.failures()
    assert report.runner.stats["ok"] and not report.runner.stats["failures"]


def test_the_technical_debt_gate_fails_the_production_job_before_anything_changes(awx_job, credentials, simulator):
    to_test = awx_job("LifeTime promote Development to Test", {"lifetime": credentials["lifetime"]},
                      {"promote_applications": ["Orders", "Mobile Banking"]})
    assert to_test.status == "successful", to_test
    simulator.clear_requests()

    to_production = awx_job("LifeTime promote Test to Production", credentials, to_test.artifacts)

    assert to_production.status == "failed", to_production
    assert simulator.mutating_requests() == []
    failed = to_production.failures()
    assert [event["task"] for event in failed] == ["Stop when an application is above the technical debt thresholds"]
    assert "Orders (level High" in failed[0]["res"]["msg"]
    summary = summary_of(to_production)
    assert summary["status"] == "stopped by the technical debt gate" and summary["applications"] == []
    assert summary["gates"][0]["passed"] is False and "Orders (level High" in summary["gates"][0]["message"]
    assert to_production.runner.stats["failures"] == {"localhost": 1}


def test_the_ai_mentor_studio_credential_injects_what_the_gate_reads():
    from ansible_collections.outsystems.lifetime.plugins.module_utils.technical_debt import DEFAULT_AIMS_URL

    credential_type = yaml.safe_load(CREDENTIAL_TYPES["aims"].read_text())
    secret = sorted(field["id"] for field in credential_type["inputs"]["fields"] if field.get("secret"))
    assert secret == ["aims_activation_code", "aims_api_key"] == sorted(credential_type["inputs"]["required"])
    assert injected_environment("aims", {"aims_api_key": "key", "aims_activation_code": "code"}) == {
        "AIMS_URL": DEFAULT_AIMS_URL, "AIMS_API_KEY": "key", "AIMS_ACTIVATION_CODE": "code"}
    fragment = (REPO / "plugins" / "doc_fragments" / "ai_mentor_studio.py").read_text()
    for variable in credential_type["injectors"]["env"]:
        assert "E(%s) environment variable" % variable in fragment, variable


@pytest.mark.skipif(not (REPO / "roles" / "rollback").is_dir(), reason="the rollback role (branch i16-rollback) is not in this checkout yet")
def test_the_rollback_template_undoes_the_production_release_from_its_artifact(awx_job, credentials, simulator):
    before = {name: simulator.state.running_version("Production", name) for name in ("Customer Portal", "Mobile Banking")}
    to_test = awx_job("LifeTime promote Development to Test", {"lifetime": credentials["lifetime"]},
                      {"promote_applications": ["Customer Portal", "Mobile Banking"]})
    to_production = awx_job("LifeTime promote Test to Production", credentials, to_test.artifacts)
    assert to_production.status == "successful", to_production
    released = to_production.artifacts["lifetime_manifest"]
    simulator.clear_requests()

    # Launched by hand with the artifact the Production job published; first as a "Check" job, then for real.
    check = awx_job("LifeTime rollback Production", {"lifetime": credentials["lifetime"]}, {"lifetime_manifest": released},
                    check=True)
    assert check.status == "successful", check
    assert simulator.mutating_requests() == []
    rollback = awx_job("LifeTime rollback Production", {"lifetime": credentials["lifetime"]}, {"lifetime_manifest": released})
    assert rollback.status == "successful", rollback

    predicted, summary = rollback_summary_of(check), rollback_summary_of(rollback)
    assert predicted["check_mode"] and not summary["check_mode"]
    assert {app["name"]: app["from_version"] for app in summary["applications"]} == {"Customer Portal": "1.2.1", "Mobile Banking": "3.1.0"}
    assert [(app["name"], app["from_version"]) for app in predicted["applications"]] == [
        (app["name"], app["from_version"]) for app in summary["applications"]]
    assert simulator.state.running_version("Production", "Mobile Banking") == before["Mobile Banking"]


def rollback_summary_of(job):
    """rollback_summary as the runner_on_ok event of the task that sets it carries it."""
    found = [event["event_data"]["res"]["ansible_facts"]["rollback_summary"] for event in job.events
             if event["event"] == "runner_on_ok" and "rollback_summary" in event["event_data"]["res"].get("ansible_facts", {})]
    assert len(found) == 1, job
    return found[0]


@pytest.mark.skipif(not (REPO / "roles" / "promote" / "tasks" / "configure.yml").is_file(),
                    reason="the promote role's configuration step (branch i16-config) is not in this checkout yet")
def test_the_production_job_sets_the_configuration_values_of_the_project_manifest(awx_job, credentials, simulator, tmp_path):
    from lifetime_simulator.model import make_key

    to_test = awx_job("LifeTime promote Development to Test", {"lifetime": credentials["lifetime"]},
                      {"promote_applications": ["Customer Portal", "Mobile Banking"]})
    assert to_test.status == "successful", to_test
    # The configuration values of the release: a Trigger Pipeline manifest in the project (the job's working directory).
    values = [{"EnvironmentKey": make_key("environment", name), "EnvironmentName": name, "TargetValue": value}
              for name, value in (("Test", "20"), ("Production", "50"))]
    configuration = {"ApplicationVersions": [], "ConfigurationItems": [{
        "ModuleKey": make_key("module", "CustomerPortal"), "ModuleName": "CustomerPortal", "ConfigurationItemKey": "sp-pagesize",
        "ConfigurationItemName": "PageSize", "ConfigurationItemType": "SiteProperty", "Values": values}]}
    launch = dict(to_test.artifacts, promote_apply_configuration=True,
                  promote_configuration_manifest="{{ playbook_dir }}/release-configuration.json")

    to_production = awx_job("LifeTime promote Test to Production", credentials, launch, project_files={"release-configuration.json": configuration})

    assert to_production.status == "successful", to_production
    answer = requests.get(simulator.root_url + "/_sim/properties", timeout=10).json()
    assert [(v["module_name"], v["environment_name"], v["key"], v["value"]) for v in answer["values"]] == [
        ("CustomerPortal", "Production", "sp-pagesize", "50")]
