"""The physical limits, with asyncpg and no Motcua code: a table shaped like ours (the
same DDL, plus a sequence for ``position``), ``WORKERS`` connections.

- ``raw_locked_1tx``: per command ``BEGIN; LOCK TABLE events IN EXCLUSIVE MODE``, one
  two-row INSERT, ``COMMIT`` (three round trips; one commit per command, serialised).
- ``raw_unlocked_1tx``: per command one two-row INSERT in its own implicit transaction
  (one round trip; PostgreSQL is free to flush concurrent commits together).
- ``raw_copy``: COPY of the same rows, 10,000 rows a transaction, one connection.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

import asyncpg

from bench.context import WORKERS, Context, Result, fresh_schema
from bench.load import async_closed_loop
from bench.workload import EVENT_COLUMNS, raw_rows
from infrastructure.postgres.schema import MIGRATIONS

_INSERT = (
    "INSERT INTO events (stream_id, stream_type, version, event_id, event_type, payload, "
    "metadata, hash) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8), "
    "($9, $10, $11, $12, $13, $14, $15::jsonb, $16)"
)


async def _create_table(dsn: str, schema: str) -> None:
    conn = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        for statement in MIGRATIONS[0].statements:
            await conn.execute(statement)
        await conn.execute("CREATE SEQUENCE positions")
        await conn.execute("ALTER TABLE events ALTER position SET DEFAULT nextval('positions')")
    finally:
        await conn.close()


async def _one_tx_per_command(ctx: Context, *, locked: bool) -> Result:
    async with fresh_schema(ctx.dsn, "raw") as schema:
        await _create_table(ctx.dsn, schema)
        settings = {"search_path": schema}
        pool = await asyncpg.create_pool(
            ctx.dsn, min_size=WORKERS, max_size=WORKERS, server_settings=settings
        )
        try:
            connections = [await pool.acquire() for _ in range(WORKERS)]
            idle = asyncio.Queue[Any]()
            for conn in connections:
                idle.put_nowait(conn)

            async def command() -> None:
                conn = await idle.get()
                try:
                    arguments = [value for row in raw_rows() for value in row]
                    if locked:
                        await conn.execute("BEGIN; LOCK TABLE events IN EXCLUSIVE MODE")
                        await conn.execute(_INSERT, *arguments)
                        await conn.execute("COMMIT")
                    else:
                        await conn.execute(_INSERT, *arguments)
                finally:
                    idle.put_nowait(conn)

            measured = await async_closed_loop(
                command, workers=WORKERS, seconds=ctx.seconds, warmup=ctx.warmup
            )
            for conn in connections:
                await pool.release(conn)
        finally:
            await pool.close()
    return Result(measured.rate, "commands/s", {"commands": measured.operations})


async def raw_locked_1tx(ctx: Context) -> Result:
    return await _one_tx_per_command(ctx, locked=True)


async def raw_unlocked_1tx(ctx: Context) -> Result:
    return await _one_tx_per_command(ctx, locked=False)


async def raw_copy(ctx: Context) -> Result:
    rows_per_copy = 10_000
    async with fresh_schema(ctx.dsn, "copy") as schema:
        await _create_table(ctx.dsn, schema)
        conn = await asyncpg.connect(ctx.dsn, server_settings={"search_path": schema})
        try:
            position, copied, spent = 0, 0, 0.0
            deadline = time.perf_counter() + ctx.seconds + ctx.warmup
            for _ in range(1000):  # bounded: 10 million rows at most
                if time.perf_counter() > deadline:
                    break
                now, records = datetime.now(UTC), []
                for _ in range(rows_per_copy // 2):
                    for row in raw_rows():
                        position += 1
                        records.append((position, *row[:-1], now, row[-1]))
                started = time.perf_counter()
                async with conn.transaction():
                    await conn.copy_records_to_table(
                        "events", records=records, columns=EVENT_COLUMNS
                    )
                spent += time.perf_counter() - started
                copied += len(records)
        finally:
            await conn.close()
    # Time spent in COPY only (building the rows in Python is not the database's limit).
    return Result(copied / 2 / spent, "commands/s", {"rows": copied, "copy_seconds": spent})
