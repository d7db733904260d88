"""``verify_100k``: :func:`application.chain.verify_chain` over 100,000 events in
PostgreSQL. The events are the dossier log of :mod:`bench.dossier_log` (hash-chained
with the store's own function, written with COPY), verified through the store's
``read_all``."""

from __future__ import annotations

import time

import asyncpg

from application.chain import verify_chain
from bench.context import Context, Result, fresh_schema
from bench.dossier_log import EVENTS_PER_DOSSIER, copy_to_postgres
from infrastructure.postgres.event_store import PostgresEventStore

EVENTS = 100_000


async def verify_100k(ctx: Context) -> Result:
    async with fresh_schema(ctx.dsn, "chain") as schema:
        settings = {"search_path": schema}
        store = await PostgresEventStore.open(ctx.dsn, server_settings=settings)
        try:
            await store.migrate()
            conn = await asyncpg.connect(ctx.dsn, server_settings=settings)
            try:
                started = time.perf_counter()
                await copy_to_postgres(conn, EVENTS // EVENTS_PER_DOSSIER)
                seeded = time.perf_counter() - started
            finally:
                await conn.close()
            started = time.perf_counter()
            report = await verify_chain(store)
            spent = time.perf_counter() - started
        finally:
            await store.close()
    if not report.ok or report.events_checked != EVENTS:
        raise RuntimeError(f"the seeded chain did not verify: {report}")
    return Result(spent, "s", {"events": EVENTS, "seed_seconds": seeded})
