"""Every module's EXAMPLES, run as written with ansible-playbook against the simulator.

One playbook per module, its tasks taken verbatim from the module's EXAMPLES. Only what cannot be the
same on a test machine is rewritten: the simulator's address (the examples use the demo's
http://127.0.0.1:8080, which also serves the AI Mentor Studio API under /AIMentorStudioAPI/rest/v1) and the local paths (/tmp, /etc/lifetime) go to this test's directory, and the
vaulted secrets the examples reference are given as extra vars.
"""

import ast

import pytest
import yaml

from testlib.collection import REPO

MODULES = REPO / "plugins" / "modules"
DEMO_URL = "http://127.0.0.1:8080"
SECRETS = {"reporting_password": "Rep0rting-pass!", "sc_password": "Serv1ce-Center!", "carol_password": "Car0l-pass!",
           # The simulator's AI Mentor Studio credentials (tests/lifetime_simulator/aims.py); its API is under the same address.
           "aims_api_key": "demo-aims-key", "aims_activation_code": "demo-activation-code"}
# What a module's examples expect of the infrastructure beyond the seeded simulator.
SCENARIOS = {"deployment": ["two_step"]}


def module_names():
    return sorted(path.stem for path in MODULES.glob("*.py") if path.stem != "__init__")


def examples_of(name):
    tree = ast.parse((MODULES / (name + ".py")).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "EXAMPLES" for target in node.targets):
            return node.value.value
    raise AssertionError("%s has no EXAMPLES" % name)


def prepare_binary_deployment(run_module, files):
    """The package the examples upload: Customer Portal 1.2.0 as LifeTime exports it."""
    result = run_module("application_package", application="Customer Portal", version="1.2.0",
                        dest=str(files / "CustomerPortal.oap"))
    assert not result.get("failed"), result


PREPARE = {"binary_deployment": prepare_binary_deployment}


@pytest.mark.parametrize("name", module_names())
def test_examples_run_against_the_simulator(name, simulator, run_module, playbook, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    (tmp_path / "etc-lifetime").mkdir()
    for scenario in SCENARIOS.get(name, []):
        simulator.set_scenario(scenario)
    if name in PREPARE:
        PREPARE[name](run_module, files)
    text = examples_of(name)
    assert DEMO_URL in text, "the first example of %s should show the connection options" % name
    text = text.replace(DEMO_URL, simulator.root_url).replace("/tmp", str(files))
    text = text.replace("/etc/lifetime", str(tmp_path / "etc-lifetime"))
    tasks = yaml.safe_load(text)
    play = [{"name": "EXAMPLES of %s" % name, "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    simulator.clear_requests()

    run = playbook(yaml.safe_dump(play, sort_keys=False), extra_vars=SECRETS)

    assert run.returncode == 0, run.output[-5000:]
    recap = run.stdout[run.stdout.index("PLAY RECAP"):]
    assert "failed=0" in recap and "unreachable=0" in recap, run
    ran = [line for line in run.stdout.splitlines() if line.startswith("TASK [")]
    assert len(ran) == len(tasks), run
    assert simulator.requests(), "the examples of %s sent no request to the simulator" % name
    for secret in SECRETS.values():
        assert secret not in run.output
