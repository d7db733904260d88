"""A projection whose effect is outside our database (a broker, a web hook, the national
portal): deliver a batch, and only once the other side has acknowledged it, advance the
position.

The effect cannot commit in the view's transaction, so the order is: read committed
events after the tracked position, map them into an :class:`Outbox`, deliver the outbox
(retried with back-off, for as long as :class:`DeliveryUnavailable` says the other side
is away), then commit the new position in a short transaction of the projection store
(``projection_positions``, as every projection). A crash between the acknowledgement and
that commit delivers the batch again: at least once, never lost, in log order, and never
an uncommitted event (the log holds only committed ones). The database is not held while
delivering (SQLite's single writer stays free for filings).

Everything else is the :class:`ProjectionRunner`'s: one active runner per projection (the
lease), catching up and following, status and ``wait_for``, and the store's own outages.
An event that cannot be mapped (a bug, not an outage) stops the runner in ``failed``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from application.ports import RecordedEvent
from projections.ports import Binding, Lease, PositionMoved, Projection, WakeUps
from projections.runner import ProjectionRunner, RunnerOptions
from projections.source import EventSource

T = TypeVar("T")


class DeliveryUnavailable(Exception):
    """The other side cannot take deliveries now; it is not the events' fault."""


class Outbox(Generic[T]):
    """What one batch of events becomes: the items to deliver, in log order."""

    def __init__(self) -> None:
        self.items: list[T] = []

    def add(self, item: T) -> None:
        self.items.append(item)


Deliver = Callable[[Sequence[T]], Awaitable[None]]
"""Deliver the items in order; return once every one is acknowledged. Raise
:class:`DeliveryUnavailable` when they cannot be (all of them will be delivered again)."""


class RelayRunner(ProjectionRunner[Outbox[T]]):
    """Runs one outbound projection. Its binding's store keeps the position only (see
    ``infrastructure/sql_views/positions.py``); its projection fills an :class:`Outbox`."""

    def __init__(
        self,
        binding: Binding[Outbox[T]],
        source: EventSource,
        wakeups: WakeUps,
        deliver: Deliver[T],
        options: RunnerOptions | None = None,
    ) -> None:
        super().__init__(binding, source, wakeups, options)
        self.deliver = deliver
        self.outages = 0
        self._acknowledged: tuple[int, int] | None = None
        """(from, to): events after ``from`` up to ``to`` were acknowledged but their position
        is not committed yet. When the store was away for that commit, the retry from the
        same position does not deliver them a second time."""

    async def _apply(
        self, lease: Lease[Outbox[T]], projection: Projection[Outbox[T]], batch: list[RecordedEvent]
    ) -> None:
        """Overrides the view-writing step: deliver, then advance the position alone."""
        start, last = self.position, batch[-1].position
        done = start
        if self._acknowledged is not None and self._acknowledged[0] == start:
            done = self._acknowledged[1]
        outbox: Outbox[T] = Outbox()
        await self.source.apply(projection, [e for e in batch if e.position > done], outbox)
        await self._deliver(outbox.items)
        self._acknowledged = (start, max(done, last))
        try:
            async with lease.transaction(start) as transaction:
                transaction.advance_to(last)
        except PositionMoved as moved:
            self._acknowledged = None
            await self._set(self.state, position=moved.actual)
            return
        self._acknowledged = None
        await self._set(self.state, position=last)

    async def _deliver(self, items: Sequence[T]) -> None:
        while items:
            try:
                await self.deliver(items)
            except DeliveryUnavailable as outage:
                self.outages += 1
                self.last_error = f"unavailable: {outage}"
                await asyncio.sleep(self.options.backoff(self.outages))
                continue
            self.outages, self.last_error = 0, None
            return
