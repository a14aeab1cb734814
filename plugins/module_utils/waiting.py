# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Poll something until it is ready, waiting longer between tries (exponential backoff)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError


def now():
    """Seconds on a clock that only goes forward. With pause(), the one source of time of every wait in the
    collection: tests replace these two functions (monkeypatch waiting.now and waiting.pause) to run on a virtual clock."""
    return time.monotonic()


def pause(seconds):
    """Wait ``seconds`` (see now())."""
    time.sleep(seconds)


class WaitTimeout(LifetimeError):
    """What was awaited did not happen within the timeout; ``last`` is the last answer of the check."""

    def __init__(self, message, last=None, waited=0.0):
        super(WaitTimeout, self).__init__(message, waited=waited)
        self.last = last
        self.waited = waited


def backoff_delays(first=0.5, longest=15, factor=1.6):
    """The pauses between tries: ``first``, then each ``factor`` times longer, never more than ``longest``."""
    delay = float(first)
    while True:
        yield min(delay, float(longest))
        delay = min(delay * factor, float(longest))


def wait_for(check, timeout, first=0.5, longest=15, factor=1.6, sleep=None, clock=None, what="the operation",
             share=None, pause_first=False):
    """Call ``check()`` until it returns something truthy, and return that.

    ``check`` is called at once, then again after each pause of the backoff, for at most
    ``timeout`` seconds (the last pause is shortened to end at the timeout, and a last check is
    made then). ``check`` may raise to stop waiting (for example when an operation failed).
    When time runs out, WaitTimeout names ``what`` and keeps the last answer in ``last``.
    With ``share``, each pause is instead that share of the time waited so far (between ``first``
    and ``longest``): the end of a wait of T seconds is noticed within about ``share`` x T.
    With ``pause_first``, the first check comes after a pause of ``first`` seconds instead of at once
    (for something just started, whose state the caller already knows).
    ``sleep`` and ``clock`` default to pause() and now().
    """
    sleep = sleep or pause
    clock = clock or now
    if timeout is None or timeout < 0:
        raise ValueError("timeout must be 0 or more seconds, got %r" % (timeout,))
    start = clock()
    delays = backoff_delays(first, longest, factor)
    if pause_first:
        sleep(min(float(first), float(timeout)))
    while True:
        result = check()
        if result:
            return result
        waited = clock() - start
        remaining = timeout - waited
        if remaining <= 0:
            raise WaitTimeout("%s did not complete within %s seconds" % (what, _seconds(timeout)), last=result, waited=waited)
        delay = next(delays) if share is None else min(float(longest), max(float(first), share * waited))
        sleep(min(delay, remaining))


def _seconds(value):
    return int(value) if float(value).is_integer() else value
