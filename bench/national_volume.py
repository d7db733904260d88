"""``national_volume``: the log and the read models at 10⁷ events against 10⁶, in one run.

*Small* (10⁶ events): 200,000 dossiers of Lào Cai COPYed into ``events``
(:mod:`bench.dossier_log`: chained, one filed every two minutes, so ten months and ten
monthly partitions; one in twenty still open at the end), and the real ``inbox``,
``public_status`` and ``statistics`` views rebuilt from them. *Large* (10⁷ events): the
same ten months with ten times the dossiers, as if nine more provinces of the same shape
filed beside Lào Cai. Each event is copied server-side (``INSERT … SELECT``) for copy
k = 0…9: stream and event ids derived from (id, k), position 10·(p−1)+k+1 (dense, in
time order), payload as the base's; each view row likewise (codes ``<code>.<k>``, units
``<unit>.<k>``, inbox numbers interleaved). The copies keep the base's hashes, so the
large log's chain does not verify; appends only read its head.

Then, turn and turn about on each size: a window of queries (an inbox page of a random
(unit, role) of the base, a lookup of a random base code with its secret, the statistics
sums of a random district's subtree for one month), then a window of appends (``WORKERS``
concurrent two-event appends of new streams, like ``motcua_append``, into the current
month). It reports the p99 of each query and the append rate per size, and the ratios
large/small. Both schemas are dropped at the end. Not run by ``bench/run --quick``; run
alone with ``--quick`` (``python -m bench.scenario national_volume --quick ...``) it is a
smoke test at 10⁵ against 10⁶.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import asyncpg

from application.dossiers.desk import hash_secret
from application.encoding import new_mapper
from application.repository import Repository
from bench.catchup import migrate
from bench.context import WORKERS, Context, Result, fresh_schema
from bench.dossier_log import (
    ENSURE_SPAN,
    EVENTS_PER_DOSSIER,
    FILED_EVERY,
    START,
    copy_to_postgres,
)
from bench.load import async_closed_loop
from bench.queries import SECRET, p99
from bench.workload import motcua_command
from domain.shared import Actor, Role
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.schema import FILL_STREAMS
from infrastructure.postgres.views import PostgresViews
from infrastructure.reference_data import load_units
from infrastructure.sql_views.inbox import SqlInboxReader
from infrastructure.sql_views.public_status import SqlPublicStatusReader
from infrastructure.sql_views.statistics import SqlStatisticsReader
from infrastructure.view_stores import sql_views
from projections.inbox import Inbox
from projections.public_status import PublicStatus
from projections.read_models import bindings
from projections.rebuild import rebuild
from projections.source import EventSource

EVENTS = {False: 1_000_000, True: 100_000}
"""Events of the small log (``--quick``, run alone: a smoke test); the large has ten times."""
COPIES = 10
OPEN_EVERY = 20
"""One dossier in twenty still awaits someone (in an inbox) when the log ends."""
VIEWS = ("inbox", "public_status", "statistics")
ROUNDS = 4
STRIDE = 10_000_000
"""Added to inbox numbers per copy: above any position of the base."""
COLUMNS = (
    "position, stream_id, stream_type, version, event_id, event_type, payload, metadata, "
    "recorded_at, hash"
)
COPY_EVENTS = f"""
INSERT INTO {{large}}.events ({COLUMNS})
SELECT (e.position - 1) * {COPIES} + k + 1,
       CASE k WHEN 0 THEN e.stream_id ELSE md5(e.stream_id::text || k)::uuid END,
       e.stream_type, e.version,
       CASE k WHEN 0 THEN e.event_id ELSE md5(e.event_id::text || k)::uuid END,
       e.event_type, e.payload, e.metadata, e.recorded_at, e.hash
FROM {{small}}.events e, generate_series(0, {COPIES - 1}) k
"""
_SUFFIX = "CASE k WHEN 0 THEN {0} ELSE {0} || '.' || k END"
COPY_VIEWS = {
    "public_dossiers": f"SELECT {_SUFFIX.format('code')}, secret_hash, document",
    "inbox_dossiers": f"SELECT filed + k * {STRIDE}::bigint, document",
    "inbox_entries": f"SELECT {_SUFFIX.format('unit')}, role, due, filed + k * {STRIDE}::bigint, "
    "status, procedure",
    "statistics_counters": f"SELECT {_SUFFIX.format('unit')}, measure, day, procedure, amount",
}
"""Each view table's row for copy ``k`` (the views the queries read)."""


@dataclass
class Size:
    name: str
    schema: str
    store: PostgresEventStore
    views: PostgresViews
    actors: list[Actor]
    codes: list[str]
    districts: list[list[str]]
    days: tuple[int, int, int]
    """first and last day of the month the statistics sum, and today (as local days)."""
    latencies: dict[str, list[float]] = field(default_factory=dict)
    rates: list[float] = field(default_factory=list)

    async def queries(self, seconds: float) -> None:
        today = date.fromordinal(self.days[2])
        inbox = Inbox(SqlInboxReader(self.views.fetch), lambda: today)
        public = PublicStatus(SqlPublicStatusReader(self.views.fetch))
        figures = SqlStatisticsReader(self.views.fetch)
        first, last, day = self.days
        started, n = time.perf_counter(), 0
        while time.perf_counter() - started < seconds:
            kind, began = ("inbox", "lookup", "stats")[n % 3], time.perf_counter()
            if kind == "inbox":
                await inbox.page(random.choice(self.actors), limit=20, today=today)
            elif kind == "lookup":
                await public.lookup(random.choice(self.codes), SECRET)
            else:
                units = random.choice(self.districts)
                await figures.sums(units, None, first_day=first, last_day=last, today=day)
            self.latencies.setdefault(kind, []).append(time.perf_counter() - began)
            n += 1

    async def appends(self, seconds: float, warmup: float) -> None:
        async def command() -> None:
            await self.store.append(motcua_command())

        measured = await async_closed_loop(command, workers=WORKERS, seconds=seconds, warmup=warmup)
        self.rates.append(measured.rate)


def last_event(events: int) -> datetime:
    return START + FILED_EVERY * (events // EVENTS_PER_DOSSIER) + timedelta(days=8)


async def _small(ctx: Context, schema: str, events: int) -> dict[str, float]:
    """COPY the base log, rebuild its views; the seconds each took."""
    settings = {"search_path": schema}
    await migrate(ctx.dsn, schema)
    conn = await asyncpg.connect(ctx.dsn, server_settings=settings)
    try:
        started = time.perf_counter()
        await copy_to_postgres(conn, events // EVENTS_PER_DOSSIER, open_every=OPEN_EVERY)
        took = {"seed_small_s": time.perf_counter() - started}
    finally:
        await conn.close()
    store = await PostgresEventStore.open(ctx.dsn, server_settings=settings)
    views = await PostgresViews.open(ctx.dsn, statement_timeout=3600, server_settings=settings)
    try:
        started = time.perf_counter()
        source = EventSource(store, Repository(store, new_mapper()).decode)
        every = bindings(sql_views(views).stores, load_units(), source)
        await rebuild([b for b in every if b.name in VIEWS], source)
        took["views_small_s"] = time.perf_counter() - started
    finally:
        await views.close()
        await store.close()
    conn = await asyncpg.connect(ctx.dsn, server_settings=settings)
    try:
        await conn.execute("UPDATE public_dossiers SET secret_hash = $1", hash_secret(SECRET))
    finally:
        await conn.close()
    return took


async def _large(ctx: Context, small: str, large: str, events: int) -> dict[str, float]:
    """Ten copies of the small log and views, server-side; the seconds each took."""
    await migrate(ctx.dsn, large)
    conn = await asyncpg.connect(ctx.dsn, server_settings={"search_path": large})
    try:
        await conn.execute("SET statement_timeout = 0")
        await conn.execute(ENSURE_SPAN, START, last_event(events))
        started = time.perf_counter()
        await conn.execute(COPY_EVENTS.format(small=small, large=large))
        await conn.execute(FILL_STREAMS)
        await conn.execute("VACUUM ANALYZE events")
        took = {"seed_large_s": time.perf_counter() - started}
        started = time.perf_counter()
        for table, row in COPY_VIEWS.items():
            await conn.execute(f"CREATE TABLE {table} (LIKE {small}.{table} INCLUDING ALL)")
            await conn.execute(
                f"INSERT INTO {table} {row} FROM {small}.{table}, "
                f"generate_series(0, {COPIES - 1}) k"
            )
        await conn.execute("ANALYZE")
        took["views_large_s"] = time.perf_counter() - started
        await conn.execute("CHECKPOINT")  # the seeds' dirty pages written before measuring
    finally:
        await conn.close()
    return took


@asynccontextmanager
async def _opened(ctx: Context, name: str, schema: str, events: int) -> AsyncIterator[Size]:
    settings = {"search_path": schema}
    store = await PostgresEventStore.open(ctx.dsn, max_size=4, server_settings=settings)
    views = await PostgresViews.open(ctx.dsn, server_settings=settings)
    try:
        base = await views.fetch("SELECT DISTINCT unit, role FROM inbox_entries", [])
        actors = [
            Actor(f"bench@{unit}", Role(role), unit) for unit, role in base if "." not in unit
        ]
        codes = await views.fetch("SELECT code FROM public_dossiers", [])
        units = load_units()
        districts = [
            [d.code, *(u.code for u in units if u.parent == d.code)]
            for d in units
            if d.parent is not None and units.get(d.parent).parent is None
        ]
        month = (START + (last_event(events) - START) / 2).date().replace(day=1)
        month_end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        today = last_event(events).date()
        days = (month.toordinal(), month_end.toordinal(), today.toordinal())
        yield Size(name, schema, store, views, actors, [str(c) for (c,) in codes], districts, days)
    finally:
        await views.close()
        await store.close()


async def national_volume(ctx: Context) -> Result:
    events = EVENTS[ctx.quick]
    detail: dict[str, Any] = {}
    async with AsyncExitStack() as stack:
        small = await stack.enter_async_context(fresh_schema(ctx.dsn, "national_small"))
        large = await stack.enter_async_context(fresh_schema(ctx.dsn, "national_large"))
        detail |= await _small(ctx, small, events)
        detail |= await _large(ctx, small, large, events)
        sizes = [
            await stack.enter_async_context(_opened(ctx, "small", small, events)),
            await stack.enter_async_context(_opened(ctx, "large", large, events)),
        ]
        for size in sizes:  # warm both: caches, prepared statements
            await size.queries(ctx.warmup)
            size.latencies = {}
        for _ in range(ROUNDS):
            for size in sizes:
                await size.queries(ctx.seconds)
                await size.appends(ctx.seconds, ctx.warmup)
    for size in sizes:
        every = [t for kind in size.latencies.values() for t in kind]
        detail[f"p99_{size.name}_ms"] = p99(every)
        for kind, latencies in size.latencies.items():
            detail[f"{kind}_p99_{size.name}_ms"] = p99(latencies)
        detail[f"append_{size.name}"] = statistics.median(size.rates)
        detail[f"queries_{size.name}"] = len(every)
    detail["query_p99_ratio"] = detail["p99_large_ms"] / detail["p99_small_ms"]
    detail["append_ratio"] = detail["append_large"] / detail["append_small"]
    detail["scale"] = f"{events:,} vs {events * COPIES:,} events"
    return Result(detail["p99_large_ms"], "ms", detail)
