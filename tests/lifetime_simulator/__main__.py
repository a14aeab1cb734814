"""Command line: PYTHONPATH=tests python -m lifetime_simulator --port 8080 --token demo-token"""
import argparse
import os
import signal
import sys

from .profiles import DEFAULT_PROFILE, PROFILES
from .scenarios import parse_scenario_spec
from .simulator import Simulator


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="lifetime_simulator", description="LifeTime API v2 simulator")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    parser.add_argument("--token", default="demo-token", help="accepted bearer token")
    parser.add_argument("--seed-apps", type=int, default=None, help="add N generated applications")
    parser.add_argument("--deploy-seconds", type=float, default=3.0, help="how long a deployment phase runs")
    parser.add_argument("--tag-delay-seconds", type=float, default=0.3, help="delay before a new version is listed")
    parser.add_argument("--link-minutes", type=float, default=60, help="download link lifetime")
    parser.add_argument("--scenario", action="append", default=[], metavar="NAME[:k=v,k=v]", help="activate a scenario")
    parser.add_argument("--profile", default=os.environ.get("LIFETIME_SIM_PROFILE") or DEFAULT_PROFILE, choices=sorted(PROFILES),
                        help="server variant to answer like (see profiles.py; default: $LIFETIME_SIM_PROFILE, else %(default)s)")
    parser.add_argument("--request-log", default=None, metavar="FILE.jsonl", help="append every request as JSON lines")
    return parser.parse_args(argv)


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt(signum, frame)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sim = Simulator(token=args.token, deploy_seconds=args.deploy_seconds, seed_apps=args.seed_apps, host=args.host,
                    port=args.port, tag_delay_seconds=args.tag_delay_seconds, link_minutes=args.link_minutes,
                    request_log=args.request_log, profile=args.profile)
    for spec in args.scenario:
        name, params = parse_scenario_spec(spec)
        sim.set_scenario(name, **params)
    signal.signal(signal.SIGTERM, stop_on_signal)
    sim.start()
    print("LifeTime simulator listening on {0} (token: {1})".format(sim.base_url, args.token), flush=True)
    try:
        signal.pause() if hasattr(signal, "pause") else sim.thread.join()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
