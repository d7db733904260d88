"""Motcua's own stores under load.

- ``motcua_append``: PostgresEventStore, ``WORKERS`` concurrent two-event appends, each
  to a new stream (group commit shares transactions among them).
- ``motcua_sqlite_append``: SqliteEventStore, two-event appends one after another.
- ``raw_sqlite3``: the SQLite floor: sqlite3 on a table shaped like ours (same DDL, WAL,
  synchronous=FULL), ``BEGIN IMMEDIATE``, two rows, ``COMMIT``, one after another.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import asyncpg

from bench.context import WORKERS, Context, Result, fresh_schema
from bench.load import async_closed_loop, sequential
from bench.workload import motcua_command, raw_rows
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.sqlite.event_store import SqliteEventStore
from infrastructure.sqlite.schema import MIGRATIONS as SQLITE_MIGRATIONS


async def motcua_append(ctx: Context) -> Result:
    async with fresh_schema(ctx.dsn, "motcua") as schema:
        store = await PostgresEventStore.open(
            ctx.dsn, max_size=4, server_settings={"search_path": schema}
        )
        try:
            await store.migrate()

            async def command() -> None:
                await store.append(motcua_command())

            measured = await async_closed_loop(
                command, workers=WORKERS, seconds=ctx.seconds, warmup=ctx.warmup
            )
        finally:
            await store.close()
        conn = await asyncpg.connect(ctx.dsn, server_settings={"search_path": schema})
        try:  # one recorded_at per transaction: the mean batch, from the data itself
            events, transactions = await conn.fetchrow(
                "SELECT count(*), count(DISTINCT recorded_at) FROM events"
            )
        finally:
            await conn.close()
    detail = {"commands": measured.operations, "appends_per_commit": events / 2 / transactions}
    return Result(measured.rate, "commands/s", detail)


async def motcua_sqlite_append(ctx: Context) -> Result:
    store = await SqliteEventStore.open(ctx.workdir / "motcua.sqlite3")
    try:
        await store.migrate()

        async def command() -> None:
            await store.append(motcua_command())

        measured = await async_closed_loop(
            command, workers=1, seconds=ctx.seconds, warmup=ctx.warmup
        )
    finally:
        await store.close()
    return Result(measured.rate, "commands/s", {"commands": measured.operations})


async def raw_sqlite3(ctx: Context) -> Result:
    db = sqlite3.connect(ctx.workdir / "raw.sqlite3", isolation_level=None)
    try:
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            db.execute(f"PRAGMA {pragma}")
        for statement in SQLITE_MIGRATIONS[0].statements:
            db.execute(statement)
        insert = (
            "INSERT INTO events (stream_id, stream_type, version, event_id, event_type, "
            "payload, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )

        def command() -> None:
            now = datetime.now(UTC).isoformat()
            rows = [
                (str(r[0]), r[1], r[2], str(r[3]), r[4], r[5], r[6], now, r[7]) for r in raw_rows()
            ]
            db.execute("BEGIN IMMEDIATE")
            db.executemany(insert, rows)
            db.execute("COMMIT")

        measured = sequential(command, seconds=ctx.seconds, warmup=ctx.warmup)
    finally:
        db.close()
    return Result(measured.rate, "commands/s", {"commands": measured.operations})
