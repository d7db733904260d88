"""``verify_100k``: :func:`application.chain.verify_chain` over 100,000 events in
PostgreSQL. The events are seeded fast: hashes computed here with the store's own
function, rows written with COPY, then verified through the store's ``read_all``."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import asyncpg

from application.chain import GENESIS, event_hash, verify_chain
from bench.context import Context, Result, fresh_schema
from bench.workload import METADATA, METADATA_JSON, PAYLOADS, STREAM_TYPE, TYPES
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.schema import MIGRATIONS

EVENTS = 100_000
_COLUMNS = [
    "position",
    "stream_id",
    "stream_type",
    "version",
    "event_id",
    "event_type",
    "payload",
    "metadata",
    "recorded_at",
    "hash",
]


def chained_rows(count: int) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    previous, now = GENESIS, datetime.now(UTC)
    stream_id = uuid.uuid4()
    for position in range(1, count + 1):
        version = 2 - position % 2
        if version == 1:
            stream_id = uuid.uuid4()
        event_id = uuid.uuid4()
        fields = (STREAM_TYPE, version, event_id, TYPES[version - 1], PAYLOADS[version - 1])
        previous = event_hash(
            previous,
            position=position,
            stream_id=stream_id,
            stream_type=fields[0],
            version=version,
            event_id=event_id,
            type=fields[3],
            payload=fields[4],
            metadata=METADATA,
            recorded_at=now,
        )
        rows.append(
            (position, stream_id, *fields[:2], event_id, *fields[3:], METADATA_JSON, now, previous)
        )
    return rows


async def verify_100k(ctx: Context) -> Result:
    async with fresh_schema(ctx.dsn, "chain") as schema:
        conn = await asyncpg.connect(ctx.dsn, server_settings={"search_path": schema})
        try:
            for statement in MIGRATIONS[0].statements:
                await conn.execute(statement)
            started = time.perf_counter()
            await conn.copy_records_to_table(
                "events", records=chained_rows(EVENTS), columns=_COLUMNS
            )
            await conn.execute("VACUUM ANALYZE events")
            seeded = time.perf_counter() - started
        finally:
            await conn.close()
        store = await PostgresEventStore.open(ctx.dsn, server_settings={"search_path": schema})
        try:
            started = time.perf_counter()
            report = await verify_chain(store)
            spent = time.perf_counter() - started
        finally:
            await store.close()
    if not report.ok or report.events_checked != EVENTS:
        raise RuntimeError(f"the seeded chain did not verify: {report}")
    return Result(spent, "s", {"events": EVENTS, "seed_seconds": seeded})
