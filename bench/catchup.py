"""``motcua_catchup`` (and ``rebuild_rss``): every projection rebuilt from a long log.

In a fresh schema: the dossier log of :mod:`bench.dossier_log` (10⁶ events; 3·10⁴ with
``--quick``) is COPYed in by a child process, so that none of the seeding's memory is
this process's. Then, in this order, on the same rows:

1. ``raw_scan``: asyncpg reading every row in position order, 2,000 a query, as the
   store's ``read_all`` does, and nothing else (the floor).
2. ``motcua_catchup``: ``Projections.rebuild()`` of all five read models, what
   ``motcua projections rebuild`` runs: events/s is the log's length over the wall time
   of the whole rebuild. ``peak_rss_mb`` is this process's peak RSS right after it
   (``getrusage``), which includes the raw scan before it; ``rss_before_mb`` is the
   peak before the rebuild began.
3. ``count_view``: Motcua's ``rebuild`` of the peer's view (:mod:`bench.count_view`).
4. ``peer``: eventsourcing's ``ProjectionRunner`` on that view, in a child process
   (:mod:`bench.peer_projection`), bounded in time.
"""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
import time
from typing import Any

import asyncpg

from application.encoding import new_mapper
from application.repository import Repository
from bench.context import Context, Result, fresh_schema
from bench.count_view import CountProjection, SqlCountFamily
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.views import PostgresViews
from infrastructure.reference_data import load_units
from infrastructure.sql_views.projection_store import SqlProjectionStore
from infrastructure.view_stores import sql_views
from projections.ports import Binding
from projections.read_models import bindings
from projections.rebuild import rebuild
from projections.source import EventSource
from projections.supervisor import Projections

EVENTS = {False: 1_000_000, True: 30_000}
PEER_SECONDS = {False: 30.0, True: 5.0}
SCAN_BATCH = 2000
_CHILD_TIMEOUT = 900


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(module: str, *arguments: str) -> dict[str, Any]:
    command = [sys.executable, "-m", module, *arguments]
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=_CHILD_TIMEOUT
    )
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


async def migrate(dsn: str, schema: str) -> None:
    store = await PostgresEventStore.open(dsn, server_settings={"search_path": schema})
    try:
        await store.migrate()
    finally:
        await store.close()


async def seed(dsn: str, schema: str, events: int) -> float:
    """Migrate the schema and COPY ``events`` dossier events in (a child process);
    return the seconds it took."""
    await migrate(dsn, schema)
    started = time.perf_counter()
    arguments = ("--dsn", dsn, "--schema", schema, "--events", str(events))
    await asyncio.to_thread(_child, "bench.dossier_log", *arguments)
    return time.perf_counter() - started


async def raw_scan(dsn: str, schema: str) -> float:
    """Events/s of reading every row, keyset-paged like ``read_all``."""
    connection = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        started, position, count = time.perf_counter(), 0, 0
        while True:
            rows = await connection.fetch(
                "SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT $2",
                position,
                SCAN_BATCH,
            )
            count += len(rows)
            if len(rows) < SCAN_BATCH:
                return count / (time.perf_counter() - started)
            position = rows[-1][0]
    finally:
        await connection.close()


async def _rebuilds(dsn: str, schema: str, events: int) -> dict[str, float]:
    settings = {"search_path": schema}
    store = await PostgresEventStore.open(dsn, statement_timeout=600, server_settings=settings)
    backend = await PostgresViews.open(dsn, statement_timeout=600, server_settings=settings)
    views = sql_views(backend)
    try:
        source = EventSource(store, Repository(store, new_mapper()).decode)
        every = bindings(views.stores, load_units(), source)
        projections = Projections(every, source, views.wakeups)
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        await projections.rebuild()
        took = time.perf_counter() - started
        rss = peak_rss_mb()
        counts = Binding(CountProjection, SqlProjectionStore(backend, SqlCountFamily()))
        started = time.perf_counter()
        await rebuild([counts], source)
        count_took = time.perf_counter() - started
    finally:
        await views.close()
        await store.close()
    return {
        "rate": events / took,
        "seconds": took,
        "peak_rss_mb": rss,
        "rss_before_mb": rss_before,
        "count_view": events / count_took,
    }


async def motcua_catchup(ctx: Context) -> Result:
    events = EVENTS[ctx.quick]
    async with fresh_schema(ctx.dsn, "catchup") as schema:
        seeded = await seed(ctx.dsn, schema, events)
        scan = await raw_scan(ctx.dsn, schema)
        measured = await _rebuilds(ctx.dsn, schema, events)
        arguments = ["--dsn", ctx.dsn, "--schema", schema, "--events", str(events)]
        arguments += ["--seconds", str(PEER_SECONDS[ctx.quick])]
        peer = await asyncio.to_thread(_child, "bench.peer_projection", *arguments)
    detail = {
        **measured,
        "raw_scan": scan,
        "peer": peer["rate"],
        "peer_events": peer["events"],
        "events": events,
        "seed_seconds": seeded,
        "scale": f"{events:,} events",
    }
    return Result(measured["rate"], "events/s", detail)
