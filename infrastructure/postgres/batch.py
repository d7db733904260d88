"""One group-commit batch in PostgreSQL: four round trips, whatever the batch's size.

1. ``BEGIN; LOCK TABLE ONLY events IN EXCLUSIVE MODE; SET LOCAL ...`` (see :data:`BEGIN`)
2. :data:`STATE`: the head, and the versions, event ids and keys the batch names.
3. :data:`WRITE`: every accepted event and key, the streams' versions, and the
   notification, in one statement.
4. ``COMMIT`` (sent by the store, after its test hook).

The statements run with generic plans: re-planning them on every execution (PostgreSQL
keeps choosing custom plans for array parameters) cost more than executing them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import asyncpg

from application.chain import GENESIS
from application.ports import IdempotencyRecord, StoreUnavailable
from infrastructure.group_commit import (
    LockedState,
    PendingAppend,
    Plan,
    batch_event_ids,
    batch_keys,
    batch_stream_ids,
    plan_batch,
)
from infrastructure.store_support import encode_metadata

OUTAGES: tuple[type[BaseException], ...] = (
    OSError,  # includes ConnectionError
    TimeoutError,  # asyncio.TimeoutError is the same class since 3.11
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # query canceled, admin shutdown, ...
    asyncpg.exceptions.LockNotAvailableError,  # lock_timeout
    asyncpg.exceptions.InsufficientResourcesError,  # too many connections, disk full
    asyncpg.exceptions.TransactionRollbackError,  # deadlock, serialization failure
    asyncpg.exceptions.InternalClientError,  # the protocol's state after a connection died
)
NOTIFY_CHANNEL = "motcua_events"
"""Each batch notifies this channel with its last position when it commits."""
COLUMNS = (
    "position, stream_id, stream_type, version, event_id, event_type, payload, "
    "metadata, recorded_at, hash"
)
BEGIN = (
    "BEGIN; LOCK TABLE ONLY events IN EXCLUSIVE MODE; "
    "SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL enable_seqscan = off"
)
"""``ONLY``: the partitioned parent alone, which every append locks first, serialises
appends; locking every month too would make each append wait for (auto)vacuum of any old
month. The generic plans are made once per connection and partition change: with
``enable_seqscan`` off they look rows up by index even when they were planned while the
month's partition was empty (or analysed empty), which a month later would scan whole."""
STATE = """
SELECT (SELECT ROW(position, hash) FROM events ORDER BY position DESC LIMIT 1),
       array(SELECT coalesce((SELECT h.version FROM streams h WHERE h.stream_id = s.id), 0)
             FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n) ORDER BY s.n),
       array(SELECT event_id FROM events WHERE event_id = ANY($2::uuid[])),
       array(SELECT ROW(key, fingerprint, result) FROM idempotency_keys
             WHERE key = ANY($3::text[]))
"""
WRITE = f"""
WITH written AS (
    INSERT INTO events ({COLUMNS})
    SELECT p, s, st, v, e, et, pl, m::jsonb, $9::timestamptz, h
    FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::integer[], $5::uuid[], $6::text[],
                $7::bytea[], $8::text[], $10::bytea[]) AS t(p, s, st, v, e, et, pl, m, h)
), keys AS (
    INSERT INTO idempotency_keys (key, fingerprint, result, position)
    SELECT * FROM unnest($11::text[], $12::text[], $13::bytea[], $14::bigint[])
), heads AS (
    INSERT INTO streams (stream_id, version)
    SELECT * FROM unnest($17::uuid[], $18::integer[])
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
)
SELECT pg_notify($15, $16)
"""
"""The events, the keys, each written stream's new version (``streams``: one probe per
stream for the next batch's version check, where ``max(version)`` over the events
descends every month's index), and the notification."""


@contextmanager
def unavailable_on_outage() -> Iterator[None]:
    try:
        yield
    except OUTAGES as error:
        raise StoreUnavailable(f"postgres: {type(error).__name__}: {error}") from error


async def write_batch(conn: Any, batch: Sequence[PendingAppend]) -> Plan:
    """Steps 2 and 3, on ``conn`` inside the locked transaction; the plan they carried out."""
    stream_ids = batch_stream_ids(batch)
    head, versions, event_ids, keys = await conn.fetchrow(
        STATE, stream_ids, batch_event_ids(batch), batch_keys(batch)
    )
    state = LockedState(
        last_position=head[0] if head else 0,
        last_hash=bytes(head[1]) if head else GENESIS,
        versions=dict(zip(stream_ids, versions, strict=True)),
        keys={key[0]: IdempotencyRecord(*key) for key in keys},
        event_ids={UUID(int=event_id.int) for event_id in event_ids},
    )
    plan = plan_batch(batch, state, datetime.now(UTC))
    if plan.rows:
        rows, records = plan.rows, plan.keys
        heads = {r.stream.stream_id: r.event.version for r in rows}  # the last one wins
        await conn.execute(
            WRITE,
            [r.position for r in rows],
            [r.stream.stream_id for r in rows],
            [r.stream.stream_type for r in rows],
            [r.event.version for r in rows],
            [r.event.event_id for r in rows],
            [r.event.type for r in rows],
            [bytes(r.event.payload) for r in rows],
            [encode_metadata(r.event.metadata) for r in rows],
            plan.recorded_at,
            [r.hash for r in rows],
            [k.key for k, _ in records],
            [k.fingerprint for k, _ in records],
            [bytes(k.result) for k, _ in records],
            [position for _, position in records],
            NOTIFY_CHANNEL,
            str(plan.last_position),
            list(heads),
            list(heads.values()),
        )
    return plan
