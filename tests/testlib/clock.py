"""A clock whose sleep() takes no real time, for tests of anything that waits.

VirtualClock() starts at 0 and moves only when slept on: exact, for tests of the waiting logic itself.
VirtualClock(real=True) is real time plus every pause taken so far: run_on() makes the in-process
simulator and the modules' waits read it, so a deployment that takes deploy_seconds is over as soon
as a module pauses that long, while anything outside the process (a real ansible-playbook run, the
simulator's `delay` fault) still sees time pass as usual.
"""

import contextlib
import threading
import time
from unittest import mock

from ansible_collections.outsystems.lifetime.plugins.module_utils import waiting
from lifetime_simulator import clock as simulator_clock


class VirtualClock:
    def __init__(self, real=False):
        self.real = real
        self.paused = 0.0
        self.pauses = []
        self._lock = threading.Lock()

    @property
    def now(self):
        return (time.time() if self.real else 0.0) + self.paused

    def clock(self):
        """Now, in seconds (a clock= callable)."""
        return self.now

    def sleep(self, seconds):
        """Move the clock on by ``seconds`` at once (a sleep= callable); each pause is kept in ``pauses``."""
        assert seconds >= 0, "a negative pause: %r" % (seconds,)
        with self._lock:
            self.pauses.append(round(seconds, 3))
            self.paused += seconds

    @contextlib.contextmanager
    def installed(self):
        """Within the block, every wait of the collection uses this clock (for code where no monkeypatch
        fixture fits, such as one Hypothesis example); run_on() does the same until the test ends."""
        with mock.patch.object(waiting, "now", self.clock), mock.patch.object(waiting, "pause", self.sleep):
            yield


def run_on(monkeypatch, clock):
    """Until the test ends: the simulator's time and every wait of the collection (waiting.now/waiting.pause, the one
    time hook of plugins/module_utils) use ``clock``."""
    monkeypatch.setattr(simulator_clock, "source", clock.clock)
    monkeypatch.setattr(waiting, "now", clock.clock)
    monkeypatch.setattr(waiting, "pause", clock.sleep)
