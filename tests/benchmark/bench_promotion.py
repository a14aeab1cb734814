#!/usr/bin/env python
"""Promote N = 1, 10, 50 applications Development -> Test with the promote role (ansible-playbook) and with
outsystems-pipeline's deploy_latest_tags_to_target_env, side by side in one run, against the simulator.

Each (tool, N) gets a fresh simulator (seeded with --seed-apps generated apps, a fixed deployment time); App 0001..N
are tagged 1.1.0 in Development first (Test runs 1.0.0), outside the measurement. Reported per tool and N: requests
before the plan is created, total requests, POST/PUT/DELETE, wall time, and how long after the simulator finished
the plan the tool asked about it again ("notice").

  python tests/benchmark/bench_promotion.py [--sizes 1,10,50] [--deploy-seconds 5] [--json out.json]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (PROMOTE_PLAY, REPO, TOKEN, Simulator, install_collection, machine, playbook,  # noqa: E402
                    promotion_metrics, tag_generated_apps)


def pipeline_python():
    repo_venv = REPO / ".venv-pipeline" / "bin" / "python"
    for candidate in (os.environ.get("OUTSYSTEMS_PIPELINE_PYTHON"), str(repo_venv), "/tmp/ospipe-venv/bin/python"):
        if candidate and Path(candidate).exists():
            return candidate
    venv = Path(tempfile.gettempdir()) / "ospipe-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "outsystems-pipeline==0.11.0"], check=True)
    return str(venv / "bin" / "python")


def fresh_simulator(args, count):
    sim = Simulator(token=TOKEN, deploy_seconds=args.deploy_seconds, seed_apps=args.seed_apps, tag_delay_seconds=0.1)
    sim.start()
    names = tag_generated_apps(sim, count)
    sim.clear_requests()
    return sim, names


def run_role(args, collections, workdir, count):
    sim, names = fresh_simulator(args, count)
    try:
        run, seconds = playbook(collections, sim, PROMOTE_PLAY.format(apps=json.dumps(names)), workdir / ("role-%d" % count))
        if run.returncode != 0:
            raise RuntimeError("promote role failed:\n%s" % run.output[-4000:])
        metrics = promotion_metrics(sim, sim.requests())
        metrics.update(wall_seconds=round(seconds, 2), deployed=sum(sim.state.running_version("Test", n) == "1.1.0" for n in names))
        return metrics
    finally:
        sim.stop()


def run_pipeline(args, python, workdir, count):
    sim, names = fresh_simulator(args, count)
    try:
        work = workdir / ("pipeline-%d" % count)
        work.mkdir(parents=True, exist_ok=True)
        # Its poll period stays at its default (SLEEP_PERIOD_IN_SECS = 20): overriding it through the environment
        # hands time.sleep a string in 0.11.0 (TypeError), so it cannot be tuned from outside.
        env = dict(os.environ)
        env.pop("OVERRIDE_CONFIG_IN_USE", None)
        command = [python, "-m", "outsystems.pipeline.deploy_latest_tags_to_target_env", "--artifacts", str(work / "Artifacts"),
                   "--lt_url", sim.root_url, "--lt_token", TOKEN, "--source_env", "Development", "--destination_env", "Test",
                   "--app_list", ",".join(names)]
        started = time.monotonic()
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=1800, check=False)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            raise RuntimeError("outsystems-pipeline failed:\n%s" % (done.stdout + done.stderr)[-4000:])
        metrics = promotion_metrics(sim, sim.requests())
        metrics.update(wall_seconds=round(seconds, 2), deployed=sum(sim.state.running_version("Test", n) == "1.1.0" for n in names))
        return metrics
    finally:
        sim.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--seed-apps", type=int, default=50)
    parser.add_argument("--deploy-seconds", type=float, default=5.0)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    workdir, collections = install_collection()
    python = pipeline_python()
    results = {"machine": machine(), "deploy_seconds": args.deploy_seconds, "pipeline_poll_seconds": 20, "runs": []}
    for count in sizes:
        role = run_role(args, collections, workdir, count)
        pipe = run_pipeline(args, python, workdir, count)
        results["runs"].append({"n": count, "promote_role": role, "outsystems_pipeline": pipe})
        print("N=%-3d role: %s\n      pipeline: %s" % (count, role, pipe), flush=True)
    print()
    print("| N | tool | requests before plan | total requests | POST/PUT/DELETE | wall s | notice s | deployed |")
    print("|---|------|---|---|---|---|---|---|")
    for entry in results["runs"]:
        for tool in ("promote_role", "outsystems_pipeline"):
            m = entry[tool]
            print("| %d | %s | %s | %d | %d | %.2f | %s | %d/%d |" % (
                entry["n"], tool, m["requests_before_plan"], m["requests"], m["mutating"], m["wall_seconds"],
                "%.2f" % m["notice_seconds"] if m["notice_seconds"] is not None else "-", m["deployed"], entry["n"]))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
