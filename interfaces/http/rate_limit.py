"""Sliding-window limits on failed guesses of a citizen's lookup secret, in process.

Each process counts on its own: with N server processes an attacker gets N times the
allowance, which still keeps a 10-character secret out of reach.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta


class SlidingWindow:
    """At most ``limit`` hits per key within any ``window``."""

    def __init__(
        self, limit: int, window: timedelta, now: Callable[[], datetime], max_keys: int = 100_000
    ) -> None:
        self.limit = limit
        self.window = window
        self.now = now
        self.max_keys = max_keys
        self._hits: dict[str, deque[datetime]] = {}

    def retry_after(self, key: str) -> int:
        """Whole seconds until ``key`` may try again; 0 when it may now."""
        hits = self._recent(key)
        if len(hits) < self.limit:
            return 0
        wait = hits[-self.limit] + self.window - self.now()
        return max(1, math.ceil(wait.total_seconds()))

    def hit(self, key: str) -> None:
        self._hits.setdefault(key, deque()).append(self.now())
        if len(self._hits) > self.max_keys:
            self._shrink()

    def _shrink(self) -> None:
        """Forget keys without recent hits, then the oldest ones, down to 90 % of the
        bound: memory stays bounded under a flood of distinct keys."""
        for key in list(self._hits):
            self._recent(key)
        while len(self._hits) > self.max_keys * 9 // 10:
            del self._hits[next(iter(self._hits))]

    def _recent(self, key: str) -> deque[datetime]:
        """The key's hits within the window; a key left with none is forgotten."""
        hits = self._hits.get(key, deque())
        horizon = self.now() - self.window
        while hits and hits[0] <= horizon:
            hits.popleft()
        if not hits:
            self._hits.pop(key, None)
        return hits


class GuessLimits:
    """Failed lookups per client address and per dossier code (so many addresses
    cannot share the work of guessing one dossier's secret)."""

    def __init__(
        self,
        now: Callable[[], datetime],
        per_address: int = 10,
        per_code: int = 20,
        window: timedelta = timedelta(minutes=5),
    ) -> None:
        self.addresses = SlidingWindow(per_address, window, now)
        self.codes = SlidingWindow(per_code, window, now)

    def retry_after(self, address: str, code: str) -> int:
        return max(self.addresses.retry_after(address), self.codes.retry_after(code))

    def failed(self, address: str, code: str) -> None:
        self.addresses.hit(address)
        self.codes.hit(code)
