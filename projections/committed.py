"""Waiting for a position that a runner in another process commits ("read your writes"
on an API process whose views run elsewhere): polling the projection's tracking row, one
query at a time for everyone waiting on the same projection.

Under load every filing waits so (on the possible duplicates' view), and each waiter
polling on its own made some five queries a filing. Waiters of one projection now share
the read in flight: any position read while a waiter waits serves it, since positions
only grow (a read that began before the waiter's own write committed only means one
more poll).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from projections.ports import ProjectionStore, Tracking
from projections.shared_reads import SharedReads

FIRST_PAUSE = 0.005
LONGEST_PAUSE = 0.05
"""A write is usually projected within a few milliseconds: the pause between polls grows
from the first to the longest."""


class CommittedPositions:
    def __init__(self) -> None:
        self._positions: SharedReads[str, Tracking | None] = SharedReads()

    async def reached(
        self, name: str, views: ProjectionStore[Any], position: int, within: float
    ) -> bool:
        """Poll until projection ``name`` committed ``position`` (True), failed, or ``within``
        seconds passed (False)."""
        deadline = time.monotonic() + within
        pause = FIRST_PAUSE
        while True:
            tracking = await self._positions.read(name, views.tracking)
            if tracking is not None and tracking.position >= position:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (tracking is not None and tracking.error):
                return False
            await asyncio.sleep(min(pause, remaining))
            pause = min(pause * 2, LONGEST_PAUSE)
