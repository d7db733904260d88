"""``query_p99``: the inbox and the citizen's lookup, p99 latency, with 10⁴ dossiers and
with 10⁶ (10⁵ with ``--quick``), measured in the same run, turn and turn about.

Each size has a schema of its own. In each, :data:`BASE` open dossiers (their lives
stop after being submitted, received or transferred, so each awaits someone) are
COPYed into ``events`` (:mod:`bench.dossier_log`) and the real ``inbox`` and
``public_status`` projections are rebuilt from them; the view rows are then replicated
server-side (``INSERT … SELECT … generate_series``) up to the size: new ``filed``
numbers, codes ``<code>.<k>``, due dates spread over 60 days, every secret hash that of
:data:`SECRET`. Every dossier is open, so every one is in some inbox: a worst case for
the inbox (a real office closes most of its dossiers), the real case for the lookup.
The ``events`` table holds the base dossiers only: neither query reads it.

The queries go through the read models the API calls (``Inbox.page``, first page of
20, of a random (unit, role) that has dossiers; ``PublicStatus.lookup`` of a random
code with its secret), one at a time, alternating, in windows that alternate between
the sizes; each window is bounded in time and in count.
"""

from __future__ import annotations

import random
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import asyncpg

from application.dossiers.desk import hash_secret
from application.encoding import new_mapper
from application.repository import Repository
from bench.catchup import migrate
from bench.context import Context, Result, fresh_schema
from bench.dossier_log import copy_to_postgres
from domain.shared import Actor, Role
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.views import PostgresViews
from infrastructure.reference_data import load_units
from infrastructure.sql_views.inbox import SqlInboxReader
from infrastructure.sql_views.public_status import SqlPublicStatusReader
from infrastructure.view_stores import sql_views
from projections.dossier_documents import NO_DUE_DATE
from projections.inbox import Inbox
from projections.public_status import PublicStatus
from projections.read_models import bindings
from projections.rebuild import rebuild
from projections.source import EventSource

BASE = 2_000
SIZES = {False: (10_000, 1_000_000), True: (10_000, 100_000)}
SECRET = "bench-lookup-secret"
TODAY = date(2027, 2, 1)
STRIDE = 1_000_000
"""Added to ``filed`` per replica: above any position of the base log."""
ROUNDS, WINDOW_OPERATIONS = 5, 20_000
_REPLICATE = (
    "INSERT INTO public_dossiers (code, secret_hash, document) "
    "SELECT p.code || '.' || k, p.secret_hash, p.document "
    "FROM public_dossiers p, generate_series(1, $1::int) k",
    "INSERT INTO inbox_dossiers (filed, document) SELECT d.filed + k * $2::bigint, d.document "
    "FROM inbox_dossiers d, generate_series(1, $1::int) k",
    "INSERT INTO inbox_entries (unit, role, due, filed, status, procedure) SELECT e.unit, "
    "e.role, CASE WHEN e.due = $3 THEN e.due ELSE e.due + k % 60 END, "
    "e.filed + k * $2::bigint, e.status, e.procedure "
    "FROM inbox_entries e, generate_series(1, $1::int) k",
)


class Size:
    """One schema's views and the queries on them."""

    def __init__(self, dossiers: int, backend: PostgresViews, units: list[tuple[str, str]]):
        self.dossiers, self.replicas = dossiers, dossiers // BASE
        self.inbox = Inbox(SqlInboxReader(backend.fetch), lambda: TODAY)
        self.public = PublicStatus(SqlPublicStatusReader(backend.fetch))
        self.actors = [Actor(f"bench@{unit}", Role(role), unit) for unit, role in units]
        self.codes: list[str] = []
        self.latencies: dict[str, list[float]] = {"inbox": [], "lookup": []}

    async def window(self, seconds: float) -> None:
        started = time.perf_counter()
        for n in range(WINDOW_OPERATIONS):
            if time.perf_counter() - started > seconds:
                return
            kind, began = ("inbox", "lookup")[n % 2], time.perf_counter()
            if kind == "inbox":
                await self.inbox.page(random.choice(self.actors), limit=20, today=TODAY)
            else:
                copy = random.randrange(self.replicas)
                code = random.choice(self.codes) + (f".{copy}" if copy else "")
                await self.public.lookup(code, SECRET)
            self.latencies[kind].append(time.perf_counter() - began)


@asynccontextmanager
async def seeded(ctx: Context, dossiers: int) -> AsyncIterator[Size]:
    async with fresh_schema(ctx.dsn, f"query{dossiers}") as schema:
        settings = {"search_path": schema}
        await migrate(ctx.dsn, schema)
        store = await PostgresEventStore.open(ctx.dsn, server_settings=settings)
        backend = await PostgresViews.open(ctx.dsn, statement_timeout=600, server_settings=settings)
        try:
            connection = await asyncpg.connect(ctx.dsn, server_settings=settings)
            try:
                await copy_to_postgres(connection, BASE, open_every=1)
                source = EventSource(store, Repository(store, new_mapper()).decode)
                every = bindings(sql_views(backend).stores, load_units(), source)
                await rebuild([b for b in every if b.name in ("inbox", "public_status")], source)
                await _replicate(connection, dossiers // BASE - 1)
                units = await connection.fetch("SELECT DISTINCT unit, role FROM inbox_entries")
                size = Size(dossiers, backend, [(str(u), str(r)) for u, r in units])
                codes = await connection.fetch(
                    "SELECT code FROM public_dossiers WHERE code NOT LIKE '%.%'"
                )
                size.codes = [str(row[0]) for row in codes]
            finally:
                await connection.close()
            yield size
        finally:
            await backend.close()
            await store.close()


async def _replicate(connection: Any, copies: int) -> None:
    await connection.execute("UPDATE public_dossiers SET secret_hash = $1", hash_secret(SECRET))
    arguments = ((copies,), (copies, STRIDE), (copies, STRIDE, NO_DUE_DATE))
    for statement, values in zip(_REPLICATE, arguments, strict=True):
        await connection.execute(statement, *values)
    await connection.execute("ANALYZE")


def p99(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000


async def query_p99(ctx: Context) -> Result:
    small_n, large_n = SIZES[ctx.quick]
    rounds = 3 if ctx.quick else ROUNDS
    async with seeded(ctx, small_n) as small, seeded(ctx, large_n) as large:
        for size in (small, large):  # warm both: caches, prepared statements
            await size.window(ctx.warmup)
            size.latencies = {"inbox": [], "lookup": []}
        for _ in range(rounds):
            for size in (small, large):
                await size.window(ctx.seconds / 2)
    detail: dict[str, Any] = {"dossiers_small": small_n, "dossiers_large": large_n}
    for label, size in (("small", small), ("large", large)):
        both = size.latencies["inbox"] + size.latencies["lookup"]
        detail[f"p99_{label}_ms"] = p99(both)
        detail[f"inbox_p99_{label}_ms"] = p99(size.latencies["inbox"])
        detail[f"lookup_p99_{label}_ms"] = p99(size.latencies["lookup"])
        detail[f"queries_{label}"] = len(both)
    detail["scale"] = f"{small_n:,} vs {large_n:,} dossiers"
    return Result(detail["p99_large_ms"], "ms", detail)
