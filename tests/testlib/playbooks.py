"""Run real ansible-playbook against the simulator with the built collection."""

import json
import os
import re
import subprocess
import textwrap
from pathlib import Path

from testlib.collection import BIN, REPO


class PlaybookRun:
    def __init__(self, completed, command):
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.command = command

    @property
    def output(self):
        return self.stdout + self.stderr

    def __repr__(self):
        return "PlaybookRun(rc=%s)\n--- stdout\n%s\n--- stderr\n%s" % (self.returncode, self.stdout[-6000:], self.stderr[-3000:])


def run_playbook(collections_path, playbook, tmp_path, extra_vars=None, env=None, check=False, diff=False,
                 verbosity=0, inventory=None, extra_args=(), timeout=600, roles_path=None):
    """Run ``playbook`` (a path, or YAML text written to tmp_path) and return a PlaybookRun."""
    tmp_path = Path(tmp_path)
    if isinstance(playbook, str) and "\n" in playbook:
        path = tmp_path / "playbook.yml"
        path.write_text(textwrap.dedent(playbook))
        playbook = path
    command = [str(BIN / "ansible-playbook"), str(playbook), "-i", inventory or "localhost,", "-c", "local"]
    if extra_vars:
        command += ["-e", json.dumps(extra_vars)]
    if check:
        command.append("--check")
    if diff:
        command.append("--diff")
    if verbosity:
        command.append("-" + "v" * verbosity)
    command += list(extra_args)
    environment = dict(os.environ)
    environment.update({
        "ANSIBLE_COLLECTIONS_PATH": str(collections_path),
        "ANSIBLE_ROLES_PATH": str(roles_path or REPO / "roles"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-local"),
        "ANSIBLE_HOME": str(tmp_path / "ansible-home"),
        "ANSIBLE_PYTHON_INTERPRETER": str(BIN / "python"),
        "ANSIBLE_STDOUT_CALLBACK": "default",
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
    })
    environment.pop("ANSIBLE_CONFIG", None)
    environment.update(env or {})
    completed = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=timeout, cwd=str(tmp_path), check=False)
    return PlaybookRun(completed, command)


def recap(run, host="localhost"):
    """The numbers of the PLAY RECAP line of ``host`` (ok, changed, failed...), as a dict."""
    match = re.search(r"^%s\s+:\s+(.*)$" % re.escape(host), run.stdout.split("PLAY RECAP")[-1], re.MULTILINE)
    assert match, run
    return {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(1))}
