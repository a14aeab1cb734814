"""Every module's EXAMPLES, run as written with ansible-playbook against the simulator.

The examples of a module are one play, their tasks taken verbatim from the module's EXAMPLES. Only
what cannot be the same on a test machine is rewritten: the simulator's address (the examples use the
demo's http://127.0.0.1:8080, which also serves the AI Mentor Studio API under /AIMentorStudioAPI/rest/v1, the CI/CD
Probe and the BDD Framework)
and the local paths (/tmp, /etc/lifetime) go to this test's directory, and the vaulted secrets the
examples reference are given as extra vars.

To save an ansible-playbook start per module, the plays of one module group (GROUPS) run as one
playbook. Each module still has its own test, its own freshly seeded simulator (so no play sees
another's changes or requests) and its own inventory host (so a failure in one play does not stop the
others, and the recap has one line per module).
"""

import ast
import fcntl
import json
import os

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
           "aims_api_key": "demo-aims-key", "aims_activation_code": "demo-activation-code"}
# What a module's examples expect of the infrastructure beyond the seeded simulator.
SCENARIOS = {"deployment": ["two_step"]}
# The modules whose plays share one ansible-playbook run; a module named nowhere runs in a playbook of its own.
# The run happens once per test session, whichever worker needs it first (group_results).
GROUPS = {
    "applications": ["application", "application_dependency_info", "application_info", "application_package", "application_version",
                     "application_version_info", "bdd_test_run", "module_info", "solution", "source_code", "technical_debt_info",
                     "test_endpoint_info"],
    "deployments": ["binary_deployment", "deployment", "deployment_info"],
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


PREPARE = {"binary_deployment": prepare_binary_deployment}


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


@pytest.fixture(scope="session")
def group_results(installed_collection, tmp_path_factory):
    """group_results(group) -> GroupRun.results() of the group, run once per test session.

    With pytest-xdist the tests of a group may be spread over workers: the first one to ask runs the group's
    playbook and keeps the results in a file the others read (under a lock, in the session's shared temp dir).
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base

    def results(group):
        path = shared / ("examples-%s.json" % group)
        with open(shared / ("examples-%s.lock" % group), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not path.exists():
                names = [name for name in module_names() if group_of(name) == group]
                run = GroupRun(names, installed_collection, tmp_path_factory.mktemp("examples-" + group))
                path.write_text(json.dumps(run.results()))
        return json.loads(path.read_text())

    return results


@pytest.mark.parametrize("name", module_names())
def test_examples_run_against_the_simulator(name, group_results):
    group = group_results(group_of(name))
    module = group["modules"][name]
    assert module["output"] is not None, "the play of %s did not run: %s" % (name, group["run"])
    recap = module["recap"]
    assert recap is not None and "failed=0" in recap and "unreachable=0" in recap, module["output"][-5000:]
    assert module["ran"] == module["tasks"], module["output"]
    assert module["requests"], "the examples of %s sent no request to the simulator" % name
    assert group["secrets_shown"] == []
    if all(other["recap"] and "failed=0" in other["recap"] for other in group["modules"].values()):
        assert group["returncode"] == 0, group["output_tail"]
