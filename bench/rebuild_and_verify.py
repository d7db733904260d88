"""Rebuild rate of every projection, and ``verify`` time, over N realistic dossier events.

Seeds its own SQLite file (in /tmp) or PostgreSQL database with dossiers of Thành phố
Lào Cai and Huyện Bát Xát filed through the aggregate and encoded by the mapper (five
events each: submitted and received, transferred to the district, approved six days
later, returned the day after), in the order they happened, appended in large batches;
then times a rebuild of each read model and a walk of the hash chain; drops what it
created.

    .venv/bin/python bench/rebuild_and_verify.py --store sqlite [--events 100000]
    .venv/bin/python bench/rebuild_and_verify.py --store postgres \\
        [--dsn postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from uuid import UUID, uuid4

import asyncpg

from application.chain import verify_chain
from application.encoding import new_mapper
from application.ports import EventStore, NewEvent, StreamAppend
from application.repository import Repository
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.views import PostgresViews
from infrastructure.reference_data import load_catalog, load_units
from infrastructure.sqlite.event_store import SqliteEventStore
from infrastructure.sqlite.views import SqliteViews
from infrastructure.view_stores import Views, sql_views
from projections.read_models import bindings
from projections.rebuild import rebuild
from projections.source import EventSource

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
PROCEDURE = "LC.BTXH.CTTC"  # commune receives, district processes and decides
NAMES = ("Nguyễn Thị Mai", "Lò Văn Sáng", "Giàng A Páo", "Đặng Thu Hà", "Vàng Thị Mỷ")
EVENTS_PER_DOSSIER = 5
START = datetime(2027, 1, 4, 1, 30, tzinfo=UTC)  # a Monday, 08:30 in Hà Nội
FILED_EVERY = timedelta(minutes=2)  # 720 a day: some 5,000 dossiers open at any time


def lives(count: int) -> Iterator[tuple[datetime, Dossier, Any]]:
    """The events of ``count`` dossiers, each with the instant it happened."""
    units, procedure = load_units(), load_catalog().current(PROCEDURE)
    calendar = vietnam_calendar(range(2026, 2030))
    communes = [u.code for u in units if u.parent in ("080", "082")]
    for n in range(count):
        commune = communes[n % len(communes)]
        district = units.get(commune).parent
        assert district is not None
        filed = START + FILED_EVERY * n
        clerk = Actor(f"clerk@{commune}", Role.CLERK, commune)
        leader = Actor(f"leader@{district}", Role.LEADER, district)
        dossier = Dossier.submit(
            code=f"{commune}-{filed:%y%m%d}-{n:06d}",
            procedure=procedure,
            applicant=Applicant(NAMES[n % len(NAMES)], f"{n:012d}", "0912000000"),
            documents=(Document("Đơn đề nghị"),),
            channel=Channel.DESK,
            receiving_unit=commune,
            secret_hash="0" * 64,
            actor=clerk,
            at=filed,
        )
        dossier.receive(clerk, filed, calendar)
        dossier.transfer(district, "đề nghị xét duyệt", units, clerk, filed + timedelta(hours=1))
        dossier.approve({"so": f"{n}/QĐ"}, None, leader, filed + timedelta(days=6))
        dossier.return_result(Channel.DESK, clerk, filed + timedelta(days=7))
        for event in dossier.collect_events():
            yield event.timestamp, dossier, event


async def seed(store: EventStore, events: int, batch: int = 5000) -> None:
    """Append the events in the order they happened (a week's dossiers interleave), in
    appends of about ``batch`` events, each stream's events of an append together."""
    mapper = new_mapper()
    ordered = sorted(lives(events // EVENTS_PER_DOSSIER), key=lambda life: life[0])
    for start in range(0, len(ordered), batch):
        streams: dict[UUID, list[NewEvent]] = {}
        for _, dossier, event in ordered[start : start + batch]:
            stored = mapper.to_stored_event(event)
            meta = {"actor": {"sub": event.actor.sub, "role": event.actor.role.value,
                              "unit": event.actor.unit}, "correlation_id": "bench"}  # fmt: skip
            streams.setdefault(dossier.id, []).append(
                NewEvent(uuid4(), stored.originator_version, stored.topic, stored.state, meta)
            )
        await store.append(
            [StreamAppend(id, "Dossier", new[0].version - 1, new) for id, new in streams.items()]
        )


async def measure(store: EventStore, views: Views, events: int) -> None:
    started = time.perf_counter()
    await seed(store, events)
    head = await store.last_position()
    print(f"seeded {head} events in {time.perf_counter() - started:.1f} s")
    source = EventSource(store, Repository(store, new_mapper()).decode)
    total = 0.0
    for binding in bindings(views.stores, load_units(), source):
        started = time.perf_counter()
        await rebuild(binding, source, batch_size=2000)
        took = time.perf_counter() - started
        total += took
        print(f"rebuild {binding.name:<14} {took:6.1f} s  {head / took:8,.0f} events/s")
    print(f"rebuild all five     {total:6.1f} s  {head / total:8,.0f} events/s")
    started = time.perf_counter()
    report = await verify_chain(store)
    took = time.perf_counter() - started
    assert report.ok and report.events_checked == head
    print(f"verify               {took:6.1f} s  {head / took:8,.0f} events/s")


@asynccontextmanager
async def sqlite_storage() -> AsyncIterator[tuple[EventStore, Views]]:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-", dir="/tmp") as directory:
        path = Path(directory) / "events.sqlite3"
        store = await SqliteEventStore.open(path)
        await store.migrate()
        views = sql_views(await SqliteViews.open(path))
        try:
            yield store, views
        finally:
            await views.close()
            await store.close()


@asynccontextmanager
async def postgres_storage(dsn: str) -> AsyncIterator[tuple[EventStore, Views]]:
    name = f"motcua_bench_{uuid.uuid4().hex[:12]}"
    url = urlunsplit(urlsplit(dsn)._replace(path="/" + name))
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            store = await PostgresEventStore.open(url, statement_timeout=600)
            await store.migrate()
            views = sql_views(await PostgresViews.open(url, statement_timeout=600))
            try:
                yield store, views
            finally:
                await views.close()
                await store.close()
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def run(store_kind: str, dsn: str, events: int) -> None:
    storage = sqlite_storage() if store_kind == "sqlite" else postgres_storage(dsn)
    async with storage as (store, views):
        await measure(store, views, events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="a PostgreSQL server to use")
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    asyncio.run(run(args.store, args.dsn, args.events))


if __name__ == "__main__":
    main()
