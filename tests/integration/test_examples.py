"""Every module's EXAMPLES, run as written with ansible-playbook against the simulator.

The examples of a module are one play, their tasks taken verbatim from the module's EXAMPLES. Only
what cannot be the same on a test machine is rewritten: the simulator's address (the examples use the
demo's http://127.0.0.1:8080, which also serves the AI Mentor Studio API under /AIMentorStudioAPI/rest/v1, the CI/CD
Probe and the BDD Framework)
and the local paths (/tmp, /etc/lifetime) go to this test's directory, and the vaulted secrets the
examples reference are given as extra vars.

To save an ansible-playbook start per module, the plays of one module group (GROUPS) run as one
playbook, in one test (so no pytest-xdist worker waits for a run another worker makes). Each module
still has its own freshly seeded simulator (so no play sees another's changes or requests) and its own
inventory host (so a failure in one play does not stop the others, the recap has one line per module,
and the test names every module whose play failed).
"""

import ast
import json

import pytest
import yaml

from lifetime_simulator import Simulator
from testlib.collection import REPO
from testlib.modules import run_module
from testlib.playbooks import run_playbook

MODULES = REPO / "plugins" / "modules"
DEMO_URL = "http://127.0.0.1:8080"
TOKEN = "demo-token"
SECRETS = {"reporting_password": "Rep0rting-pass!", "sc_password": "Serv1ce-Center!", "carol_password": "Car0l-pass!",
           # The simulator's AI Mentor Studio credentials (tests/lifetime_simulator/aims.py); its API is under the same address.
           "aims_api_key": "demo-aims-key", "aims_activation_code": "demo-activation-code",
           # Secrets in configuration values (configuration_value's examples mark them secret).
           "payments_api_key": "Paym3nts-Key-Example", "erp_token": "Erp-T0ken-Example"}
# What a module's examples expect of the infrastructure beyond the seeded simulator.
SCENARIOS = {"deployment": ["two_step"]}
# The modules whose plays share one ansible-playbook run; a module named nowhere runs in a playbook of its own.
GROUPS = {
    "applications": ["application", "application_dependency_info", "application_info", "application_matrix_info", "application_matrix_report",
                     "application_package", "application_version", "application_version_info", "bdd_test_run", "configuration_value",
                     "module_info", "solution", "source_code", "technical_debt_info", "test_endpoint_info"],
    "deployments": ["binary_deployment", "deployment", "deployment_info", "promotion_plan_info", "rollback_plan_info"],
    "environments": ["blocked_ip", "content_security_policy", "db_connection", "db_connection_info", "environment", "environment_info",
                     "maintenance_mode"],
    "access": ["role", "role_info", "team", "team_info", "token", "user", "user_info"],
}


def module_names():
    return sorted(path.stem for path in MODULES.glob("*.py") if path.stem != "__init__")


def group_of(name):
    return next((group for group, names in GROUPS.items() if name in names), name)


def examples_of(name):
    tree = ast.parse((MODULES / (name + ".py")).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "EXAMPLES" for target in node.targets):
            return node.value.value
    raise AssertionError("%s has no EXAMPLES" % name)


def prepare_binary_deployment(simulator, files):
    """The package the examples upload: Customer Portal 1.2.0 as LifeTime exports it."""
    connection = {"lifetime_url": simulator.root_url, "lifetime_token": TOKEN, "retries": 1, "timeout": 10}
    result = run_module("application_package", dict(connection, application="Customer Portal", version="1.2.0",
                                                    dest=str(files / "CustomerPortal.oap")))
    assert not result.get("failed"), result


def prepare_configuration_value(simulator, files):
    """The Trigger Pipeline manifest the examples read: Orders' page size for the environment it labels Regression (Test)."""
    from lifetime_simulator.model import make_key

    test = simulator.state.find_env("Test").key
    orders = simulator.state.find_app("Orders")
    manifest = {"ApplicationVersions": [{"ApplicationKey": orders.key, "ApplicationName": "Orders", "VersionKey": orders.version_by_label("2.1.0").key,
                                         "VersionNumber": "2.1.0", "IsTestApplication": False}],
                "ConfigurationItems": [{"ModuleKey": make_key("module", "Orders"), "ModuleName": "Orders", "ConfigurationItemKey": "sp-pagesize",
                                        "ConfigurationItemName": "PageSize", "ConfigurationItemType": "SiteProperty",
                                        "Values": [{"EnvironmentKey": test, "EnvironmentName": "Test", "TargetValue": "20"}]}],
                "EnvironmentDefinitions": [{"EnvironmentKey": test, "EnvironmentName": "Test", "EnvironmentLabel": "Regression"}]}
    (files / "trigger_manifest.json").write_text(json.dumps(manifest))


def prepare_rollback_plan_info(simulator, files):
    """The bad release the examples plan to roll back: Orders 2.1.0 and Mobile Banking 3.1.0 deployed to Production."""
    connection = {"lifetime_url": simulator.root_url, "lifetime_token": TOKEN, "retries": 1, "timeout": 10}
    for source, target, apps in (("Development", "Test", ["Mobile Banking"]), ("Test", "Production", ["Orders", "Mobile Banking"])):
        result = run_module("deployment", dict(connection, source_environment=source, target_environment=target, applications=apps))
        assert result.get("status") == "finished_successful", result


PREPARE = {"binary_deployment": prepare_binary_deployment, "configuration_value": prepare_configuration_value,
           "rollback_plan_info": prepare_rollback_plan_info}


class GroupRun:
    """One ansible-playbook run of the examples of several modules, each against a simulator of its own."""

    def __init__(self, names, collections, workdir):
        self.names = names
        self.simulators = {}
        self.tasks = {}
        plays = []
        try:
            for name in names:
                plays.append(self.play(name, workdir / name))
            self.run = run_playbook(collections, yaml.safe_dump(plays, sort_keys=False), workdir, extra_vars=SECRETS,
                                    inventory=",".join(names) + ",")
        finally:
            self.stop()

    def play(self, name, workdir):
        simulator = Simulator(token=TOKEN, deploy_seconds=0.5)
        simulator.start()
        self.simulators[name] = simulator
        for scenario in SCENARIOS.get(name, []):
            simulator.set_scenario(scenario)
        files = workdir / "files"
        files.mkdir(parents=True)
        (workdir / "etc-lifetime").mkdir()
        if name in PREPARE:
            PREPARE[name](simulator, files)
        simulator.clear_requests()
        text = examples_of(name)
        assert DEMO_URL in text, "the first example of %s should show the connection options" % name
        text = text.replace(DEMO_URL, simulator.root_url).replace("/tmp", str(files))
        text = text.replace("/etc/lifetime", str(workdir / "etc-lifetime"))
        self.tasks[name] = yaml.safe_load(text)
        return {"name": "EXAMPLES of %s" % name, "hosts": name, "gather_facts": False,
                "environment": {"LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": TOKEN}, "tasks": self.tasks[name]}

    def stop(self):
        for simulator in self.simulators.values():
            simulator.stop()

    def output_of(self, name):
        """What ansible-playbook printed for the play of ``name`` (from its PLAY line to the next PLAY line), or None."""
        lines = self.run.stdout.splitlines()
        header = "PLAY [EXAMPLES of %s]" % name
        start = next((index for index, line in enumerate(lines) if line.startswith(header)), None)
        if start is None:
            return None
        end = next((index for index in range(start + 1, len(lines)) if lines[index].startswith("PLAY ")), len(lines))
        return "\n".join(lines[start:end])

    def recap_of(self, name):
        recap = self.run.stdout[self.run.stdout.find("PLAY RECAP"):] if "PLAY RECAP" in self.run.stdout else ""
        return next((line for line in recap.splitlines() if line.split(":")[0].strip() == name), None)

    def results(self):
        """What the tests check, as JSON-friendly data: per module its output, recap line, tasks and requests."""
        modules = {}
        for name in self.names:
            output = self.output_of(name)
            modules[name] = {"output": output, "recap": self.recap_of(name), "tasks": len(self.tasks[name]),
                             "ran": None if output is None else len([line for line in output.splitlines() if line.startswith("TASK [")]),
                             "requests": len(self.simulators[name].requests())}
        return {"returncode": self.run.returncode, "run": repr(self.run), "output_tail": self.run.output[-5000:],
                "secrets_shown": [secret for secret in SECRETS.values() if secret in self.run.output], "modules": modules}


def group_names():
    return sorted(set(group_of(name) for name in module_names()))


def problems_of(name, module):
    """What is wrong with the play of one module's examples (nothing when it ran them all and passed)."""
    if module["output"] is None:
        return ["the play of %s did not run" % name]
    recap = module["recap"]
    if recap is None or "failed=0" not in recap or "unreachable=0" not in recap:
        return ["the examples of %s failed:\n%s" % (name, module["output"][-5000:])]
    problems = []
    if module["ran"] != module["tasks"]:
        problems.append("%s: %s of its %s examples ran:\n%s" % (name, module["ran"], module["tasks"], module["output"]))
    if not module["requests"]:
        problems.append("the examples of %s sent no request to the simulator" % name)
    return problems


@pytest.mark.parametrize("group", group_names())
def test_examples_run_against_the_simulator(group, installed_collection, tmp_path):
    """One test per module group (one ansible-playbook run): every module's play must run all its examples and pass."""
    names = [name for name in module_names() if group_of(name) == group]
    results = GroupRun(names, installed_collection, tmp_path).results()
    problems = [problem for name in names for problem in problems_of(name, results["modules"][name])]
    assert problems == [], "\n\n".join(problems) + "\n\n" + results["run"]
    assert results["secrets_shown"] == []
    assert results["returncode"] == 0, results["output_tail"]
