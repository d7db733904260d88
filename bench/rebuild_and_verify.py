"""Rebuild rate of every projection, and ``verify`` time, over N realistic dossier events.

Seeds its own SQLite file (in /tmp) or PostgreSQL database with the dossier log of
:mod:`bench.dossier_log`, appended through the store in large batches; then times a
rebuild of each read model and a walk of the hash chain; drops what it created.

    .venv/bin/python -m bench.rebuild_and_verify --store sqlite [--events 100000]
    .venv/bin/python -m bench.rebuild_and_verify --store postgres \\
        [--dsn postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from application.chain import verify_chain
from application.encoding import new_mapper
from application.ports import EventStore
from application.repository import Repository
from bench.dossier_log import EVENTS_PER_DOSSIER, append_to_store
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.views import PostgresViews
from infrastructure.reference_data import load_units
from infrastructure.sqlite.event_store import SqliteEventStore
from infrastructure.sqlite.views import SqliteViews
from infrastructure.view_stores import Views, sql_views
from projections.read_models import bindings
from projections.rebuild import rebuild
from projections.source import EventSource

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


async def measure(store: EventStore, views: Views, events: int) -> None:
    started = time.perf_counter()
    await append_to_store(store, events // EVENTS_PER_DOSSIER)
    head = await store.last_position()
    print(f"seeded {head} events in {time.perf_counter() - started:.1f} s")
    source = EventSource(store, Repository(store, new_mapper()).decode)
    total = 0.0
    units = load_units()
    for index in range(5):
        binding = bindings(views.stores, units, source)[index]  # its own dossier memo
        started = time.perf_counter()
        await rebuild([binding], source, batch_size=2000)
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
