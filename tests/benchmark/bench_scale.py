#!/usr/bin/env python
"""Scale: a simulator seeded with 2,000 generated applications. Steps, each timed, with the peak memory of the
ansible-playbook processes (resource.getrusage(RUSAGE_CHILDREN).ru_maxrss, a running maximum) and the requests:
  1. application_info of every application (with their status per environment),
  2. the report playbook (playbooks/report.yml),
  3. a promotion of 100 applications in one plan (the promote role).
The same steps run first on a small baseline (100 apps, a promotion of 10), so the request counts show which step,
if any, grows with the number of applications.

With --before REF, the report playbook of the collection as it was at git REF (built and installed beside this one)
runs too, alternately with this one (--report-runs times each, on the same simulator), so before and after are
compared in one run; the step's seconds are then the median of its runs.

  python tests/benchmark/bench_scale.py [--apps 2000] [--promote 100] [--baseline-apps 100] [--baseline-promote 10]
                                        [--before REF] [--report-runs 3] [--json out.json]
"""

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (PROMOTE_PLAY, REPO, TOKEN, Simulator, children_peak_rss_mib, install_collection, install_commit,  # noqa: E402
                    machine, playbook, promotion_metrics, tag_generated_apps)

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


def report_step(sim, name, collections, workdir, checkout):
    """One run of the report playbook of ``checkout`` (this repository, or an older commit's files)."""
    report_dir = workdir / (name + "-out")
    _run, result, _log = step(sim, name, collections, workdir, str(checkout / "playbooks" / "report.yml"), extra_vars={"report_dir": str(report_dir)})
    result["files"] = sorted(path.name for path in report_dir.iterdir()) if report_dir.exists() else []
    return result


def run_scale(collections, workdir, apps, promote, before=None, report_runs=1):
    """``before``: (checkout, collections) of an older commit whose report playbook runs alternately with this one's."""
    sim = Simulator(token=TOKEN, deploy_seconds=5.0, seed_apps=apps, tag_delay_seconds=0.1)
    sim.start()
    steps = {}
    try:
        run, steps["application_info"], _log = step(sim, "info-%d" % apps, collections, workdir, INFO)
        steps["application_info"]["applications"] = int(re.search(r"APPS=(\d+)", run.stdout).group(1))
        runs = {"report": [], "report_before": []}
        for number in range(report_runs):
            if before:
                runs["report_before"].append(report_step(sim, "report-before-%d-%d" % (apps, number), before[1], workdir, before[0]))
            runs["report"].append(report_step(sim, "report-%d-%d" % (apps, number), collections, workdir, REPO))
        for name, results in runs.items():
            if results:
                steps[name] = dict(results[0], seconds=round(median(result["seconds"] for result in results), 2),
                                   runs=[result["seconds"] for result in results], peak_rss_mib_so_far=results[-1]["peak_rss_mib_so_far"])
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
    parser.add_argument("--before", metavar="REF", help="also run the report playbook of git REF (for example main), alternately")
    parser.add_argument("--report-runs", type=int, default=1, help="runs of each report playbook; its seconds are their median")
    parser.add_argument("--json")
    args = parser.parse_args()
    load_at_start = os.getloadavg()
    workdir, collections = install_collection()
    before = install_commit(workdir, args.before) if args.before else None
    baseline = run_scale(collections, workdir, args.baseline_apps, args.baseline_promote, before, args.report_runs)
    scale = run_scale(collections, workdir, args.apps, args.promote, before, args.report_runs)
    result = {"machine": machine(), "load_average": {"start": load_at_start, "end": os.getloadavg()}, "before": args.before,
              "baseline": {"apps": args.baseline_apps, "steps": baseline}, "scale": {"apps": args.apps, "steps": scale}}
    print(json.dumps(result, indent=2))
    print("\n| step | requests (%d apps) | requests (%d apps) | seconds (%d) | seconds (%d) | peak RSS MiB so far |" % (
        args.baseline_apps, args.apps, args.baseline_apps, args.apps))
    print("|---|---|---|---|---|---|")
    for name in ("application_info", "report_before", "report", "promotion"):
        if name not in scale:
            continue
        print("| %s | %d | %d | %.2f | %.2f | %.1f |" % (name, baseline[name]["requests"], scale[name]["requests"],
                                                         baseline[name]["seconds"], scale[name]["seconds"],
                                                         scale[name]["peak_rss_mib_so_far"]))
    print("\npromotion overhead (wall minus the deployment's own time): %s s (%d apps), %s s (%d apps)" % (
        baseline["promotion"].get("overhead_seconds"), args.baseline_apps, scale["promotion"].get("overhead_seconds"), args.apps))
    if before:
        print("report, %d apps: %.2f s at %s -> %.2f s now (%.2fx; runs %s -> %s)" % (
            args.apps, scale["report_before"]["seconds"], args.before, scale["report"]["seconds"],
            scale["report"]["seconds"] / scale["report_before"]["seconds"], scale["report_before"]["runs"], scale["report"]["runs"]))
    print("load average (1, 5, 15 min) at the start: %.2f %.2f %.2f, at the end: %.2f %.2f %.2f" % (load_at_start + os.getloadavg()))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
