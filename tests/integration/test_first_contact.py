"""What a new user meets first: the promotion summary, the inventory plugin's hosts and its failures."""

import json
import os
import subprocess

from testlib.collection import BIN, REPO

TOKEN = "demo-token"


def summary(run):
    """The lines of the promote role's "Show what moved" task."""
    shown = run.stdout.split("Show what moved", 1)[1].split("TASK [", 1)[0]
    return [line.strip().strip('",') for line in shown.splitlines() if line.strip().startswith('"') and '"msg"' not in line]


def test_promotion_with_nothing_to_do_says_why(playbook, simulator):
    everything = playbook(REPO / "playbooks" / "promote.yml", extra_vars={"source": "Production", "target": "Test"})
    assert everything.returncode == 0, everything
    assert summary(everything)[0] == ("Production -> Test: nothing to deploy: no application runs a newer version in Production than "
                                      "in Test (applications modified since their last version are promoted only with "
                                      "promote_tag_modified: true)"), everything

    asked = playbook(REPO / "playbooks" / "promote.yml",
                     extra_vars={"source": "Development", "target": "Test", "applications": ["Orders"]})
    assert asked.returncode == 0, asked
    lines = summary(asked)
    assert lines[0] == "Development -> Test: nothing to deploy: every application selected already runs that version in Test", asked
    # LifeTime names running versions by key only (no BaseApplicationVersionLabel): nothing moves, so no version is read.
    assert "already in Test: Orders" in lines
    assert "None" not in " ".join(lines)
    assert simulator.mutating_requests() == []


def fake_pythons(directory):
    """python3 and python3.N scripts that fail the way a pyenv shim without that version does."""
    directory.mkdir()
    for name in ["python3"] + ["python3.%d" % minor for minor in range(6, 16)]:
        script = directory / name
        script.write_text("#!/bin/sh\necho 'pyenv: %s: command not found' >&2\nexit 127\n" % name)
        script.chmod(0o755)
    return directory


def run_with_inventory(installed_collection, tmp_path, text, playbook, env):
    """ansible-playbook with a *.lifetime.yml inventory and the user's own settings only (no interpreter set)."""
    (tmp_path / "infrastructure.lifetime.yml").write_text(text)
    (tmp_path / "site.yml").write_text(playbook)
    environment = dict((name, value) for name, value in os.environ.items()
                       if not name.startswith(("ANSIBLE_", "LIFETIME_")) and name != "PYTHONPATH")
    environment.update({"ANSIBLE_COLLECTIONS_PATH": str(installed_collection), "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
                        "ANSIBLE_NOCOLOR": "1", "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-local")})
    environment.update(env)
    return subprocess.run([str(BIN / "ansible-playbook"), "-i", "infrastructure.lifetime.yml", "site.yml"], cwd=str(tmp_path),
                          capture_output=True, text=True, env=environment, timeout=300, check=False)


READ_PRODUCTION = """
- hosts: production
  gather_facts: false
  tasks:
    - name: Read what runs in this environment
      outsystems.lifetime.application_info:
        environment: "{{ lifetime_environment_key }}"
        name: Orders
      register: orders
    - ansible.builtin.assert:
        that: orders.applications[0].running_version == '2.0.0'
"""


def test_inventory_hosts_run_modules_with_the_controllers_python(installed_collection, simulator, tmp_path):
    fakes = fake_pythons(tmp_path / "fake-bin")
    run = run_with_inventory(installed_collection, tmp_path, "plugin: outsystems.lifetime.lifetime\n", READ_PRODUCTION, {
        "PATH": "%s:/usr/bin:/bin" % fakes, "LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": TOKEN})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Production                 : ok=2" in run.stdout, run.stdout
    assert "command not found" not in run.stdout + run.stderr


def test_inventory_interpreter_can_be_overridden(installed_collection, simulator, tmp_path):
    fakes = fake_pythons(tmp_path / "fake-bin")
    source = "plugin: outsystems.lifetime.lifetime\ncompose:\n  ansible_python_interpreter: \"'%s'\"\n" % (fakes / "python3.13")
    run = run_with_inventory(installed_collection, tmp_path, source, READ_PRODUCTION, {
        "PATH": "%s:/usr/bin:/bin" % fakes, "LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": TOKEN})
    assert run.returncode != 0
    assert "pyenv: python3.13: command not found" in run.stdout + run.stderr


def test_unreadable_inventory_fails_the_run_with_the_reason(installed_collection, simulator, tmp_path):
    """With the setting the docs show (ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED), a wrong token or URL stops the run."""
    for name, url, token, reason in [
            ("token", simulator.root_url, "wrong-secret-token", "HTTP 401"),
            ("url", "http://127.0.0.1:9", TOKEN, "http://127.0.0.1:9")]:
        workdir = tmp_path / name
        workdir.mkdir()
        run = run_with_inventory(installed_collection, workdir, "plugin: outsystems.lifetime.lifetime\n", READ_PRODUCTION, {
            "PATH": "/usr/bin:/bin", "LIFETIME_URL": url, "LIFETIME_TOKEN": token, "LIFETIME_RETRIES": "0",
            "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "True"})
        output = run.stdout + run.stderr
        assert run.returncode != 0, output
        assert reason in output and "outsystems.lifetime.lifetime inventory" in output, output
        assert "no hosts matched" not in output
        assert "wrong-secret-token" not in output


def test_relative_output_paths_of_the_collections_playbooks_mean_the_working_directory(playbook, simulator, installed_collection, tmp_path):
    """`ansible-playbook outsystems.lifetime.NAME -e dest=./x` writes x where the user runs it, not beside the playbook."""
    runs = [("outsystems.lifetime.backup", {"environment_name": "Production", "applications": ["Orders"], "dest": "./backup"}),
            ("outsystems.lifetime.tag", {"environment_name": "Development", "applications": ["Orders"], "manifest_out": "./tags.yml"}),
            ("outsystems.lifetime.pipeline", {"applications": ["Customer Portal"], "manifest": "release-manifest.yml"})]
    for name, extra in runs:
        run = playbook(name, extra_vars=extra)
        assert run.returncode == 0, run
    assert (tmp_path / "backup" / "Orders.oap").is_file() and (tmp_path / "backup" / "SHA256SUMS").is_file()
    assert (tmp_path / "tags.yml").is_file()
    assert "Customer Portal" in (tmp_path / "release-manifest.yml").read_text()
    installed_playbooks = installed_collection / "ansible_collections" / "outsystems" / "lifetime" / "playbooks"
    expected = ["backup.yml", "conformance.yml", "pipeline.yml", "promote.yml", "report.yml", "rollback.yml", "tag.yml"]
    assert sorted(path.name for path in installed_playbooks.iterdir()) == expected


def test_inventory_export_keeps_the_interpreter_a_template(installed_collection, simulator, tmp_path):
    """An AWX inventory sync stores `ansible-inventory --list`; the interpreter must stay a (trusted) template there."""
    (tmp_path / "infrastructure.lifetime.yml").write_text("plugin: outsystems.lifetime.lifetime\n")
    environment = dict((name, value) for name, value in os.environ.items() if not name.startswith(("ANSIBLE_", "LIFETIME_")))
    environment.update({"ANSIBLE_COLLECTIONS_PATH": str(installed_collection), "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
                        "LIFETIME_URL": simulator.root_url, "LIFETIME_TOKEN": TOKEN})
    listed = subprocess.run([str(BIN / "ansible-inventory"), "-i", "infrastructure.lifetime.yml", "--list"], cwd=str(tmp_path),
                            capture_output=True, text=True, env=environment, timeout=120, check=False)
    assert listed.returncode == 0, listed.stderr
    hostvars = json.loads(listed.stdout)["_meta"]["hostvars"]
    assert [hostvars[name]["ansible_python_interpreter"] for name in ("Development", "Test", "Production")] == [
        "{{ ansible_playbook_python }}"] * 3
