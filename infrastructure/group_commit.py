"""Group commit: concurrent appends share one transaction, each judged on its own.

An append is queued with a future. One committer task per store drains the queue into a
batch (whatever queued while the previous commit ran: no waiting for company) and hands
it to the adapter's ``commit_batch``, which opens one transaction, takes the write lock,
reads a :class:`LockedState` and calls :func:`plan_batch`. The plan checks every append
against the stored versions, keys and event ids *and* against the appends accepted
before it in the same batch, rejects the failing ones alone, and assigns positions and
hashes to the others in order. The adapter writes the plan and commits; only then are
the futures resolved, so an append is acknowledged only once durable.

If the batch's transaction fails: an outage (:class:`StoreUnavailable`) fails every
append of the batch, and those queued behind it (so no caller waits out an outage
twice); any other error (a value the database refuses) is isolated by
committing the batch's appends one by one, so it fails only the append that caused it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from application.ports import (
    IdempotencyKeyExists,
    IdempotencyRecord,
    NewEvent,
    StoreError,
    StoreUnavailable,
    StreamAppend,
)
from infrastructure.store_support import chain, check_versions, validate_append


@dataclass(eq=False)
class PendingAppend:
    """One caller's append, waiting for its batch."""

    streams: Sequence[StreamAppend]
    idempotency: IdempotencyRecord | None
    future: asyncio.Future[int]
    event_ids: list[UUID] = field(init=False)

    def __post_init__(self) -> None:
        self.event_ids = [event.event_id for stream in self.streams for event in stream.events]


@dataclass(frozen=True)
class LockedState:
    """What the adapter read under the write lock, for the streams, keys and event ids
    that the batch names (anything absent is new: version 0, key and id unused)."""

    last_position: int
    last_hash: bytes
    versions: Mapping[UUID, int]
    keys: Mapping[str, IdempotencyRecord]
    event_ids: Collection[UUID]


@dataclass(frozen=True)
class Row:
    position: int
    stream: StreamAppend
    event: NewEvent
    hash: bytes


@dataclass
class Plan:
    """The batch's writes (``rows``, ``keys`` with the position of their append's last
    event) and the verdict on each append: a position, or the error it fails with."""

    recorded_at: datetime
    rows: list[Row] = field(default_factory=list)
    keys: list[tuple[IdempotencyRecord, int]] = field(default_factory=list)
    accepted: list[tuple[PendingAppend, int]] = field(default_factory=list)
    rejected: list[tuple[PendingAppend, Exception]] = field(default_factory=list)

    @property
    def last_position(self) -> int:
        return self.rows[-1].position if self.rows else 0


def batch_keys(batch: Sequence[PendingAppend]) -> list[str]:
    return [p.idempotency.key for p in batch if p.idempotency is not None]


def batch_stream_ids(batch: Sequence[PendingAppend]) -> list[UUID]:
    return list(dict.fromkeys(s.stream_id for p in batch for s in p.streams))


def batch_event_ids(batch: Sequence[PendingAppend]) -> list[UUID]:
    return [event_id for p in batch for event_id in p.event_ids]


def plan_batch(batch: Sequence[PendingAppend], state: LockedState, now: datetime) -> Plan:
    """Judge the appends in queue order, each seeing the ones accepted before it."""
    plan = Plan(now)
    versions, keys = dict(state.versions), dict(state.keys)
    event_ids = set(state.event_ids)
    last, previous = state.last_position, state.last_hash
    for pending in batch:
        try:
            _check(pending, versions, keys, event_ids)
            rows: list[Row] = []
            for stream in pending.streams:
                for event in stream.events:
                    previous = chain(previous, last + len(rows) + 1, stream, event, now)
                    rows.append(Row(last + len(rows) + 1, stream, event, previous))
        except (StoreError, ValueError, TypeError) as error:  # TypeError: metadata not JSON
            previous = plan.rows[-1].hash if plan.rows else state.last_hash
            plan.rejected.append((pending, error))
            continue
        plan.rows += rows
        last = rows[-1].position
        for stream in pending.streams:
            versions[stream.stream_id] = stream.expected_version + len(stream.events)
        event_ids.update(pending.event_ids)
        if pending.idempotency is not None:
            keys[pending.idempotency.key] = pending.idempotency
            plan.keys.append((pending.idempotency, last))
        plan.accepted.append((pending, last))
    return plan


def _check(
    pending: PendingAppend,
    versions: Mapping[UUID, int],
    keys: Mapping[str, IdempotencyRecord],
    event_ids: Collection[UUID],
) -> None:
    if pending.idempotency is not None and pending.idempotency.key in keys:
        first = keys[pending.idempotency.key]
        raise IdempotencyKeyExists(IdempotencyRecord(first.key, first.fingerprint, first.result))
    check_versions(pending.streams, versions)
    ids = pending.event_ids
    if len(set(ids)) != len(ids) or any(event_id in event_ids for event_id in ids):
        raise ValueError("an event id of this append is already stored or repeated")


CommitBatch = Callable[[Sequence[PendingAppend]], Awaitable[Plan]]
"""The adapter's part: write and commit one batch in one transaction; return its plan."""


class GroupCommitter:
    """The queue and the committer task of one store."""

    def __init__(self, commit_batch: CommitBatch, *, name: str, max_batch: int = 500) -> None:
        self._commit_batch = commit_batch
        self._name = name
        self._max_batch = max_batch
        self._queue: deque[PendingAppend] = deque()
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    async def append(
        self, streams: Sequence[StreamAppend], idempotency: IdempotencyRecord | None
    ) -> int:
        validate_append(streams)
        if self._closed:
            raise StoreUnavailable(f"the {self._name} event store is closed")
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._queue.append(PendingAppend(streams, idempotency, future))
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"{self._name} committer")
        return await future

    async def close(self, grace: float) -> None:
        """Refuse new appends; let the queued ones finish for up to ``grace`` seconds,
        then fail them with :class:`StoreUnavailable`."""
        self._closed = True
        task = self._task
        if task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(task), grace)
            except TimeoutError:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

    async def _run(self) -> None:
        """Commit batches until the queue is empty, then end (the next append starts a
        new committer), so an idle store has no task to leak."""
        try:
            while self._queue:
                batch: list[PendingAppend] = []
                while self._queue and len(batch) < self._max_batch:
                    pending = self._queue.popleft()
                    if not pending.future.done():  # its caller gave up before it started
                        batch.append(pending)
                if batch:
                    await self._commit(batch)
        except BaseException:
            unavailable = StoreUnavailable(f"the {self._name} event store is closing")
            _fail([*self._queue], unavailable)
            self._queue.clear()
            raise
        finally:
            self._task = None

    async def _commit(self, batch: list[PendingAppend]) -> None:
        try:
            plan = await self._commit_batch(batch)
        except StoreUnavailable as error:
            # The appends queued meanwhile would only wait out the same outage a
            # second time: they fail now too, never having been tried.
            _fail([*batch, *self._queue], error)
            self._queue.clear()
        except Exception as error:
            if len(batch) == 1:
                _fail(batch, error)
            else:
                for pending in batch:  # find the append that broke the batch
                    if not pending.future.done():
                        await self._commit([pending])
        except BaseException as error:
            _fail(batch, StoreUnavailable(f"the append was interrupted: {error!r}"))
            raise
        else:
            for pending, position in plan.accepted:
                if not pending.future.done():
                    pending.future.set_result(position)
            for pending, rejection in plan.rejected:
                _fail([pending], rejection)


def _fail(batch: Sequence[PendingAppend], error: BaseException) -> None:
    for pending in batch:
        if not pending.future.done():
            pending.future.set_exception(error)
