#!/usr/bin/env python
"""Overhead of an info module over a bare HTTP call: outsystems.lifetime.environment_info against
ansible.builtin.uri making the same GET (/environments/), in the same playbook run, many iterations each,
interleaved (uri, module, uri, module, ...) so that machine noise hits both alike.

  python tests/benchmark/bench_overhead.py [--iterations 40] [--rounds 3] [--json out.json]
"""

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TOKEN, Simulator, install_collection, machine, playbook  # noqa: E402

BLOCK = """
    - ansible.builtin.set_fact:
        bench_t0: "{{{{ now().timestamp() }}}}"
    - name: "{label} round {round}"
{task}
      loop: "{{{{ range({iterations}) | list }}}}"
    - ansible.builtin.debug:
        msg: "BENCH {label} {round} {{{{ now().timestamp() - (bench_t0 | float) }}}}"
"""
URI = """      ansible.builtin.uri:
        url: "{{ lookup('env', 'LIFETIME_URL') }}/lifetimeapi/rest/v2/environments/"
        headers:
          Authorization: "Bearer {{ lookup('env', 'LIFETIME_TOKEN') }}"
        return_content: true
      no_log: true"""
MODULE = """      outsystems.lifetime.environment_info:
      no_log: true"""


def build(iterations, rounds):
    text = "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
    for number in range(rounds):
        text += BLOCK.format(label="uri", round=number, task=URI, iterations=iterations)
        text += BLOCK.format(label="module", round=number, task=MODULE, iterations=iterations)
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args()
    workdir, collections = install_collection()
    sim = Simulator(token=TOKEN)
    sim.start()
    try:
        run, wall = playbook(collections, sim, build(args.iterations, args.rounds), workdir / "overhead")
        if run.returncode != 0:
            raise RuntimeError(run.output[-4000:])
        requests = sim.requests()
    finally:
        sim.stop()
    times = {"uri": [], "module": []}
    for label, _round, seconds in re.findall(r"BENCH (uri|module) (\d+) ([0-9.]+)", run.stdout):
        times[label].append(float(seconds))
    per_call = {label: sum(values) / (len(values) * args.iterations) for label, values in times.items()}
    ratio = per_call["module"] / per_call["uri"]
    gets = sum(1 for entry in requests if entry["method"] == "GET")
    result = {"machine": machine(), "iterations": args.iterations, "rounds": args.rounds, "seconds": times,
              "per_call_seconds": per_call, "ratio_module_over_uri": round(ratio, 3), "requests": len(requests), "gets": gets,
              "playbook_wall_seconds": round(wall, 1)}
    print(json.dumps(result, indent=2))
    print("\nper call: uri %.3f s, environment_info %.3f s, ratio %.2fx (target <= 1.3x); %d requests for %d calls" % (
        per_call["uri"], per_call["module"], ratio, len(requests), 2 * args.iterations * args.rounds))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
