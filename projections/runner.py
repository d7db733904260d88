"""One projection, kept up to date: catch up in batches, then follow new events.

Exactly once: each batch's view writes and the new position commit in one
transaction, which first checks that the tracked position is the one this runner
continues from. A crash or a cancelled task rolls the transaction back, and the next
runner resumes from the committed position.

Exactly one active runner: the runner works only while it holds the projection's
lease (see :class:`projections.ports.ProjectionStore`); others stand by, follow the
tracked position, and take over when the lease is free.

A failing event is retried alone, with backoff; after ``attempts`` failures the
runner stops in state ``failed`` just before it, and says why. An unavailable store
is not the event's fault: the runner backs off and tries again, however long it takes.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic

from application.ports import RecordedEvent, StoreUnavailable
from projections.ports import Binding, Lease, PositionMoved, Projection, W, WakeUps
from projections.rebuild import rebuild
from projections.source import EventSource


class State(StrEnum):
    STOPPED = "stopped"
    STANDBY = "standby"
    CATCHING_UP = "catching_up"
    LIVE = "live"
    FAILED = "failed"


@dataclass(frozen=True)
class RunnerOptions:
    batch_size: int = 500
    poll_seconds: float = 0.5
    """How often to look for new events when no notification came."""
    standby_seconds: float = 2.0
    """How often a standing-by runner tries to take the lease."""
    attempts: int = 5
    backoff_seconds: float = 0.05
    max_backoff_seconds: float = 5.0

    def backoff(self, attempt: int) -> float:
        return min(self.backoff_seconds * 2.0 ** (attempt - 1), self.max_backoff_seconds)


@dataclass(frozen=True)
class ProjectionStatus:
    name: str
    version: int
    state: State
    position: int
    lag: int
    last_error: str | None


class ProjectionFailed(Exception):
    pass


class ProjectionRunner(Generic[W]):
    def __init__(
        self,
        binding: Binding[W],
        source: EventSource,
        wakeups: WakeUps,
        options: RunnerOptions | None = None,
    ) -> None:
        self.binding = binding
        self.source = source
        self.wakeups = wakeups
        self.options = options or RunnerOptions()
        self.version = binding.new_projection().version
        self.state = State.STOPPED
        self.position = 0
        self.last_error: str | None = None
        self._changed = asyncio.Condition()

    @property
    def name(self) -> str:
        return self.binding.name

    @property
    def failed(self) -> bool:
        return self.state == State.FAILED

    def status(self, head: int) -> ProjectionStatus:
        lag = max(head - self.position, 0)
        return ProjectionStatus(
            self.name, self.version, self.state, self.position, lag, self.last_error
        )

    async def run(self) -> None:
        """Run until cancelled, or until an event keeps failing."""
        outages = 0
        try:
            while not self.failed:
                try:
                    async with self.binding.views.lease() as lease:
                        if lease is not None:
                            await self._run_leased(lease)
                            continue
                    await self._stand_by()
                    outages = 0
                except StoreUnavailable as outage:
                    outages += 1
                    self.last_error = f"store unavailable: {outage}"
                    await asyncio.sleep(self.options.backoff(outages))
        except asyncio.CancelledError:
            await self._set(State.STOPPED)
            raise
        except Exception as error:  # not an event's fault (a view that cannot be created...)
            self.last_error = f"{type(error).__name__}: {error}"
            await self._set(State.FAILED)

    async def wait_for(self, position: int, within: float = 30.0) -> None:
        """Return once the view includes every event up to ``position``. Raise
        :class:`ProjectionFailed` if the runner fails first, TimeoutError after ``within``
        seconds."""

        def reached() -> bool:
            return self.position >= position or self.state == State.FAILED

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(reached), within)
        if self.position < position:
            raise ProjectionFailed(f"{self.name} failed at {self.position}: {self.last_error}")

    async def wait_for_state(self, *states: State, within: float = 30.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self.state in states), within)

    async def _run_leased(self, lease: Lease[W]) -> None:
        views = self.binding.views
        tracking = await views.create(self.version)
        if tracking.version != self.version:
            await self._set(State.CATCHING_UP)
            await rebuild([self.binding], self.source)
            tracking = await views.create(self.version)
        await self._set(State.CATCHING_UP, position=tracking.position)
        projection = self.binding.new_projection()
        while not self.failed:
            seen = self.wakeups.count
            batch = await self.source.batch(self.position, self.options.batch_size)
            if batch:
                await self._apply(lease, projection, batch)
            if len(batch) < self.options.batch_size and not self.failed:
                await self._set(State.LIVE)
                if not batch:
                    await self.wakeups.wait_after(seen, self.options.poll_seconds)

    async def _apply(
        self, lease: Lease[W], projection: Projection[W], batch: list[RecordedEvent]
    ) -> None:
        """Commit the batch; on a failure, one event per transaction to find the culprit."""
        pending, alone, attempt = batch, False, 0
        while pending:
            chunk = pending[:1] if alone else pending
            try:
                async with lease.transaction(self.position) as transaction:
                    await self.source.apply(projection, chunk, transaction.view)
                    transaction.advance_to(chunk[-1].position)
            except PositionMoved as moved:
                await self._set(self.state, position=moved.actual)
                return
            except StoreUnavailable:
                raise
            except Exception as error:
                if not alone:
                    alone = True
                    continue
                attempt += 1
                self.last_error = f"event {chunk[0].position}: {type(error).__name__}: {error}"
                if attempt >= self.options.attempts:
                    await self._fail()
                    return
                await asyncio.sleep(self.options.backoff(attempt))
                continue
            pending, attempt, self.last_error = pending[len(chunk) :], 0, None
            await self._set(self.state, position=chunk[-1].position)

    async def _fail(self) -> None:
        assert self.last_error is not None
        try:
            await self.binding.views.record_failure(self.last_error)
        finally:
            await self._set(State.FAILED)

    async def _stand_by(self) -> None:
        """Follow the position the active runner commits, until it is time to try again."""
        await self._set(State.STANDBY)
        next_try = time.monotonic() + self.options.standby_seconds
        while True:
            seen = self.wakeups.count
            tracking = await self.binding.views.tracking()
            if tracking is not None:
                await self._set(State.STANDBY, position=tracking.position)
            remaining = next_try - time.monotonic()
            if remaining <= 0:
                return
            await self.wakeups.wait_after(seen, min(self.options.poll_seconds, remaining))

    async def _set(self, state: State, *, position: int | None = None) -> None:
        async with self._changed:
            self.state = state
            if position is not None:
                self.position = position
            self._changed.notify_all()
