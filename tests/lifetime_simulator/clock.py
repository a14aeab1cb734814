"""The simulator's one source of time: real time, unless a test replaces `source`.

Everything time-driven (deployment phases, when a new version shows, package builds, link and token
expiry, the dates in records and logs) reads now() or utc_now() from here, never time.time() or
datetime.now(). In-process tests set `source` to a virtual clock that the modules' sleeps advance
(tests/testlib/clock.py), so a deployment of deploy_seconds takes no real time. Two things stay on
real time on purpose: the request log's arrival times and the `delay` fault (a real pause, for socket
timeouts).
"""
import time
from datetime import datetime, timezone

# Seconds since the epoch; replaced by tests that run the simulator on a virtual clock.
source = time.time


def now():
    """Seconds since the epoch."""
    return source()


def utc_now():
    """Now as an aware UTC datetime."""
    return datetime.fromtimestamp(source(), timezone.utc)
