#!/usr/bin/env python
"""Scale: a simulator seeded with 2,000 generated applications. Steps, each timed, with the peak memory of the
ansible-playbook processes (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, a running maximum) and the requests:
  1. application_info of every application (with their status per environment),
  2. the report playbook (playbooks/report.yml),
  3. a promotion of 100 applications in one plan (the promote role).
The same steps run first on a small baseline (100 apps, a promotion of 10), so the request counts show which step,
if any, grows with the number of applications.

  python tests/benchmark/bench_scale.py [--apps 2000] [--promote 100] [--baseline-apps 100] [--baseline-promote 10] [--json out.json]
"""

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (PROMOTE_PLAY, REPO, TOKEN, Simulator, children_peak_rss_mib, install_collection, machine,  # noqa: E402
                    playbook, promotion_metrics, tag_generated_apps)

INFO = """
- hosts: localhost
  gather_facts: false
  tasks:
    - outsystems.lifetime.application_info:
        env_status: true
      register: apps
    - ansible.builtin.debug:
        msg: "APPS={{ apps.applications | length }}"
"""
KEY = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def shapes(log):
    """Requests per method and path with keys replaced by {key}."""
    return Counter("%s %s" % (entry["method"], KEY.sub("{key}", entry["path"])) for entry in log)


def step(sim, name, collections, workdir, text, **kwargs):
    sim.clear_requests()
    run, seconds = playbook(collections, sim, text, workdir / name, **kwargs)
    if run.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (name, run.output[-4000:]))
    log = sim.requests()
    return run, {"seconds": round(seconds, 2), "requests": len(log), "peak_rss_mib_so_far": round(children_peak_rss_mib(), 1),
                 "by_path": dict(shapes(log).most_common())}, log


def run_scale(collections, workdir, apps, promote):
    sim = Simulator(token=TOKEN, deploy_seconds=5.0, seed_apps=apps, tag_delay_seconds=0.1)
    sim.start()
    steps = {}
    try:
        run, steps["application_info"], _log = step(sim, "info-%d" % apps, collections, workdir, INFO)
        steps["application_info"]["applications"] = int(re.search(r"APPS=(\d+)", run.stdout).group(1))
        report_dir = workdir / ("report-out-%d" % apps)
        report = str(REPO / "playbooks" / "report.yml")
        _run, steps["report"], _log = step(sim, "report-%d" % apps, collections, workdir, report, extra_vars={"report_dir": str(report_dir)})
        steps["report"]["files"] = sorted(path.name for path in report_dir.iterdir()) if report_dir.exists() else []
        names = tag_generated_apps(sim, promote)
        _run, steps["promotion"], log = step(sim, "promote-%d" % apps, collections, workdir, PROMOTE_PLAY.format(apps=json.dumps(names)))
        steps["promotion"].update(promotion_metrics(sim, log))
        steps["promotion"]["deployed"] = sum(sim.state.running_version("Test", name) == "1.1.0" for name in names)
        steps["promotion"]["applications"] = promote
        if steps["promotion"]["deployment_seconds"] is not None:
            steps["promotion"]["overhead_seconds"] = round(steps["promotion"]["seconds"] - steps["promotion"]["deployment_seconds"], 2)
    finally:
        sim.stop()
    return steps


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", type=int, default=2000)
    parser.add_argument("--promote", type=int, default=100)
    parser.add_argument("--baseline-apps", type=int, default=100)
    parser.add_argument("--baseline-promote", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    workdir, collections = install_collection()
    baseline = run_scale(collections, workdir, args.baseline_apps, args.baseline_promote)
    scale = run_scale(collections, workdir, args.apps, args.promote)
    result = {"machine": machine(), "baseline": {"apps": args.baseline_apps, "steps": baseline},
              "scale": {"apps": args.apps, "steps": scale}}
    print(json.dumps(result, indent=2))
    print("\n| step | requests (%d apps) | requests (%d apps) | seconds (%d) | seconds (%d) | peak RSS MiB so far |" % (
        args.baseline_apps, args.apps, args.baseline_apps, args.apps))
    print("|---|---|---|---|---|---|")
    for name in ("application_info", "report", "promotion"):
        print("| %s | %d | %d | %.2f | %.2f | %.1f |" % (name, baseline[name]["requests"], scale[name]["requests"],
                                                         baseline[name]["seconds"], scale[name]["seconds"],
                                                         scale[name]["peak_rss_mib_so_far"]))
    print("\npromotion overhead (wall minus the deployment's own time): %s s (%d apps), %s s (%d apps)" % (
        baseline["promotion"].get("overhead_seconds"), args.baseline_apps, scale["promotion"].get("overhead_seconds"), args.apps))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
