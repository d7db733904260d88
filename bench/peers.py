"""eventsourcing 9.5's own recorders, the peer to beat (psycopg 3 for PostgreSQL).

Each command stores two :class:`StoredEvent` of a new aggregate with
``insert_events``, which is what ``Application.save`` does for a two-event change,
without the mapper (our scenarios do not time our mapper either).

- ``peer_eventsourcing_pg``: ``PostgresApplicationRecorder`` (it takes the same
  ``LOCK TABLE ... IN EXCLUSIVE MODE`` per insert), ``WORKERS`` threads, a pool of as many.
- ``peer_eventsourcing_sqlite``: ``SQLiteApplicationRecorder`` (WAL, its default
  synchronous mode), one insert after another.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from bench.context import WORKERS, Context, Result, connection_parts, fresh_schema
from bench.load import sequential, threaded_closed_loop
from bench.workload import PAYLOADS, TYPES


def _stored_events() -> list[Any]:
    from eventsourcing.persistence import StoredEvent

    originator = uuid.uuid4()
    return [
        StoredEvent(
            originator, version, f"bench:Dossier.{TYPES[version - 1]}", PAYLOADS[version - 1]
        )
        for version in (1, 2)
    ]


async def peer_eventsourcing_pg(ctx: Context) -> Result:
    async with fresh_schema(ctx.dsn, "peer") as schema:
        return await asyncio.to_thread(_peer_pg, ctx, schema)


def _peer_pg(ctx: Context, schema: str) -> Result:
    from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

    datastore = PostgresDatastore(
        **connection_parts(ctx.dsn), pool_size=WORKERS, schema=schema, lock_timeout=10
    )
    try:
        recorder = PostgresApplicationRecorder(datastore, events_table_name="stored_events")
        recorder.create_table()

        def command() -> None:
            recorder.insert_events(_stored_events())

        measured = threaded_closed_loop(
            command, workers=WORKERS, seconds=ctx.seconds, warmup=ctx.warmup
        )
    finally:
        datastore.close()
    return Result(measured.rate, "commands/s", {"commands": measured.operations})


async def peer_eventsourcing_sqlite(ctx: Context) -> Result:
    from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

    datastore = SQLiteDatastore(str(ctx.workdir / "peer.sqlite3"))
    try:
        recorder = SQLiteApplicationRecorder(datastore)
        recorder.create_table()
        with datastore.transaction(commit=False) as cursor:
            cursor.execute("PRAGMA synchronous")
            synchronous = next(iter(cursor.fetchone()))

        def command() -> None:
            recorder.insert_events(_stored_events())

        measured = sequential(command, seconds=ctx.seconds, warmup=ctx.warmup)
    finally:
        datastore.close()
    detail = {"commands": measured.operations, "synchronous": synchronous}
    return Result(measured.rate, "commands/s", detail)
