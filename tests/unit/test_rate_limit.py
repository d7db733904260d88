"""The sliding window behind the citizen lookup's rate limit, on a hand-moved clock."""

from __future__ import annotations

from datetime import timedelta

from infrastructure.clock import FixedClock
from interfaces.http.rate_limit import SlidingWindow
from tests.examples import MONDAY_9AM


def test_a_key_waits_until_its_oldest_counted_hit_leaves_the_window() -> None:
    clock = FixedClock(MONDAY_9AM)
    window = SlidingWindow(limit=2, window=timedelta(minutes=5), now=clock.now)
    window.hit("203.0.113.7")
    clock.advance(timedelta(minutes=1))
    window.hit("203.0.113.7")
    assert window.retry_after("203.0.113.7") == 240
    assert window.retry_after("198.51.100.1") == 0
    clock.advance(timedelta(minutes=4))
    assert window.retry_after("203.0.113.7") == 0


def test_a_flood_of_distinct_keys_keeps_memory_bounded() -> None:
    clock = FixedClock(MONDAY_9AM)
    window = SlidingWindow(limit=1, window=timedelta(minutes=5), now=clock.now, max_keys=100)
    for n in range(1000):
        window.hit(f"code-{n}")
    assert window.retry_after("code-999") > 0
    assert sum(window.retry_after(f"code-{n}") > 0 for n in range(1000)) <= 100
