"""Helpers of the on-demand benchmarks (never collected by pytest: no test_ files here)."""

import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

from testlib.collection import BIN, REPO, build_and_install, make_importable  # noqa: E402,F401 pylint: disable=unused-import

make_importable()

from lifetime_simulator import Simulator  # noqa: E402,F401 pylint: disable=unused-import
from testlib.playbooks import run_playbook  # noqa: E402

TOKEN = "demo-token"
API = "/lifetimeapi/rest/v2"
PROMOTE_PLAY = """
- hosts: localhost
  gather_facts: false
  roles:
    - role: outsystems.lifetime.promote
      vars:
        promote_source_environment: Development
        promote_target_environment: Test
        promote_applications: {apps}
"""


def machine():
    """nproc, RAM, Python, ansible-core of this machine."""
    mem_kb = 0
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    version = subprocess.run([str(BIN / "ansible"), "--version"], capture_output=True, text=True, check=False).stdout.splitlines()[0]
    return {"nproc": os.cpu_count(), "ram_gib": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "ansible": version.strip(), "cpu": platform.processor() or platform.machine()}


def install_collection():
    workdir = Path(tempfile.mkdtemp(prefix="lifetime-bench-"))
    collections, _tarball = build_and_install(workdir)
    return workdir, collections


def install_commit(workdir, ref):
    """The collection as it was at git ``ref`` (for a before/after comparison in one run): (its checkout, its install)."""
    source = Path(workdir) / ("source-%s" % ref.replace("/", "-"))
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True, capture_output=True)
    collections, _tarball = build_and_install(Path(workdir) / ("install-%s" % ref.replace("/", "-")), source=source)
    return source, collections


def playbook(collections, sim, text, workdir, **kwargs):
    env = {"LIFETIME_URL": sim.root_url, "LIFETIME_TOKEN": TOKEN}
    Path(workdir).mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    run = run_playbook(collections, text, workdir, env=env, **kwargs)
    return run, time.monotonic() - started


def tag_generated_apps(sim, count, version="1.1.0"):
    """Give App 0001..App {count} a version newer in Development than in Test (setup, outside any measurement)."""
    import requests
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + TOKEN
    dev = sim.state.find_env("Development").key
    names = ["App {0:04d}".format(number) for number in range(1, count + 1)]
    for name in names:
        app = sim.state.find_app(name)
        response = session.post("{0}/environments/{1}/applications/{2}/versions/".format(sim.base_url, dev, app.key),
                                json={"Version": version, "ChangeLog": "benchmark"}, timeout=30)
        response.raise_for_status()
    deadline = time.time() + 60
    while time.time() < deadline:
        if all(sim.state.running_version("Development", name) == version for name in names):
            return names
        time.sleep(0.2)
    raise RuntimeError("tagged versions did not show up in Development")


def parse_instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def finish_instant(plan):
    """When the simulator finished the plan (the Instant of its last log entry)."""
    for entry in reversed(plan.log):
        if "finished" in entry["Message"].lower() or "failed" in entry["Message"].lower():
            return parse_instant(entry["Instant"])
    return None


def is_plan_creation(entry):
    return entry["method"] == "POST" and entry["path"].rstrip("/") == API + "/deployments"


def promotion_metrics(sim, log):
    """Requests before the plan, total, and how long after the plan finished the client asked about it again."""
    creation = next((index for index, entry in enumerate(log) if is_plan_creation(entry)), None)
    plans = sim.state.deployments
    noticed = None
    deployment = None
    if plans:
        plan = plans[-1]
        finished = finish_instant(plan)
        after = [entry["time"] for entry in log if plan.key in entry["path"] and entry["time"] >= (finished or 0)]
        if finished is not None and after:
            noticed = min(after) - finished
        if finished is not None and plan.started_on is not None:
            deployment = round(finished - plan.started_on.timestamp(), 2)
    return {"requests_before_plan": creation, "requests": len(log), "deployment_seconds": deployment,
            "mutating": sum(1 for entry in log if entry["method"] in ("POST", "PUT", "DELETE")),
            "plans": len(plans), "plan_status": [plan.status for plan in plans], "notice_seconds": noticed}


def children_peak_rss_mib():
    import resource
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
