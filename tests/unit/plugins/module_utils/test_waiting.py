"""wait_for on a fake clock: when it checks, how long it pauses, and how it times out."""

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, wait_for
from testlib.clock import VirtualClock


class FakeClock(VirtualClock):
    def __init__(self):
        super().__init__()
        self.checks = []

    def done_at(self, moment):
        """A check that is true from ``moment`` on, recording when it was called."""
        def check():
            self.checks.append(round(self.now, 3))
            return self.now >= moment
        return check


def test_backoff_checks_at_once_then_after_growing_pauses():
    fake = FakeClock()
    wait_for(fake.done_at(10), 100, first=1, longest=4, factor=2, sleep=fake.sleep, clock=fake.clock)
    assert fake.checks == [0, 1, 3, 7, 11]


def test_share_pauses_a_share_of_the_time_waited_within_bounds():
    fake = FakeClock()
    wait_for(fake.done_at(60), 1000, first=2, longest=15, share=0.1, sleep=fake.sleep, clock=fake.clock)
    pauses = [b - a for a, b in zip(fake.checks, fake.checks[1:])]
    assert pauses[0] == 2 and all(2 <= p <= 15 for p in pauses)
    assert all(later >= earlier for earlier, later in zip(pauses, pauses[1:]))
    # Seen done within a tenth of the time waited (plus the 2 s floor).
    assert fake.checks[-1] - 60 <= max(2, 0.1 * fake.checks[-1])


def test_pause_first_skips_the_immediate_check():
    fake = FakeClock()
    wait_for(fake.done_at(5), 100, first=2, longest=15, share=0.1, sleep=fake.sleep, clock=fake.clock, pause_first=True)
    assert fake.checks == [2, 4, 6]


def test_timeout_names_what_and_keeps_the_last_answer():
    fake = FakeClock()
    with pytest.raises(WaitTimeout) as caught:
        wait_for(lambda: fake.checks.append(fake.now) or None, 10, first=3, longest=3, factor=1, sleep=fake.sleep,
                 clock=fake.clock, what="plan X")
    assert "plan X did not complete within 10 seconds" in str(caught.value)
    assert caught.value.last is None and caught.value.waited >= 10
    # The last pause is shortened to end at the timeout, where a last check is made.
    assert fake.checks == [0, 3, 6, 9, 10]


def test_negative_timeout_is_refused():
    with pytest.raises(ValueError, match="-1"):
        wait_for(lambda: True, -1)
