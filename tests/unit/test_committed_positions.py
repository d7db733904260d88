"""Waiting on positions committed elsewhere: waiters of one projection share each poll
(``projections/committed.py``), and each still gets the right answer."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pytest

from projections.committed import CommittedPositions
from projections.ports import ProjectionStore, Tracking

WAITERS = 32


class TrackingRow:
    """A projection's committed position, read with a round trip's delay, counting reads."""

    def __init__(self, position: int = 0, error: str | None = None) -> None:
        self.position = position
        self.error = error
        self.reads = 0

    async def tracking(self) -> Tracking | None:
        self.reads += 1
        await asyncio.sleep(0.002)
        return Tracking(1, 1, self.position, self.error)

    @property
    def views(self) -> ProjectionStore[Any]:
        return cast(ProjectionStore[Any], self)


async def _wait_all(row: TrackingRow, position: int, within: float) -> list[bool]:
    positions = CommittedPositions()
    return await asyncio.gather(
        *(positions.reached("inbox", row.views, position, within) for _ in range(WAITERS))
    )


async def test_waiters_share_each_read_and_all_see_the_position_reached() -> None:
    row = TrackingRow(position=10)

    async def commit_later() -> None:
        await asyncio.sleep(0.05)
        row.position = 12

    committing = asyncio.create_task(commit_later())
    assert await _wait_all(row, 12, within=5.0) == [True] * WAITERS
    await committing
    # On its own, each waiter would read at least twice (before and after the commit).
    assert row.reads < WAITERS


async def test_a_position_never_reached_is_false_after_the_bound() -> None:
    row = TrackingRow(position=10)
    assert await _wait_all(row, 11, within=0.1) == [False] * WAITERS


async def test_a_failed_projection_is_false_at_once() -> None:
    row = TrackingRow(position=10, error="boom")
    async with asyncio.timeout(1.0):
        assert await _wait_all(row, 11, within=30.0) == [False] * WAITERS


async def test_a_failed_read_reaches_every_waiter_sharing_it() -> None:
    class Away(TrackingRow):
        async def tracking(self) -> Tracking | None:
            self.reads += 1
            await asyncio.sleep(0.002)
            raise ConnectionError("database away")

    row = Away()
    with pytest.raises(ConnectionError):
        await _wait_all(row, 1, within=1.0)
    assert row.reads == 1
