"""Sequential append throughput: N appends of two events, one after another, each to a
new stream. Creates its own SQLite file (in /tmp) or PostgreSQL database, drops it after.

    .venv/bin/python bench/sequential_append.py --store sqlite
    .venv/bin/python bench/sequential_append.py --store postgres \\
        [--dsn postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from application.ports import EventStore, NewEvent, StreamAppend
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.sqlite.event_store import SqliteEventStore

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
META = {"actor": "officer-17", "correlation_id": "3f2c9a"}


def two_events() -> StreamAppend:
    return StreamAppend(
        stream_id=uuid.uuid4(),
        stream_type="dossier",
        expected_version=0,
        events=[
            NewEvent(uuid.uuid4(), 1, "DossierReceived", b'{"procedure":"1.001"}' * 10, META),
            NewEvent(uuid.uuid4(), 2, "ReceiptIssued", b'{"lookup":"AB12CD"}' * 10, META),
        ],
    )


async def run(store: EventStore, appends: int) -> float:
    for _ in range(50):  # warm up: connections, prepared statements, page cache
        await store.append([two_events()])
    started = time.perf_counter()
    for _ in range(appends):
        await store.append([two_events()])
    elapsed = time.perf_counter() - started
    assert await store.last_position() == 2 * (appends + 50)
    return elapsed


async def bench_sqlite(appends: int) -> float:
    with tempfile.TemporaryDirectory(prefix="motcua-bench-", dir="/tmp") as directory:
        store = await SqliteEventStore.open(Path(directory) / "events.sqlite3")
        try:
            await store.migrate()
            return await run(store, appends)
        finally:
            await store.close()


async def bench_postgres(dsn: str, appends: int) -> float:
    name = f"motcua_bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            store = await PostgresEventStore.open(
                urlunsplit(urlsplit(dsn)._replace(path="/" + name)), min_size=1, max_size=2
            )
            try:
                await store.migrate()
                return await run(store, appends)
            finally:
                await store.close()
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--dsn", default=DEFAULT_DSN, help="a PostgreSQL server to use")
    parser.add_argument("--appends", type=int, default=10_000)
    args = parser.parse_args()
    if args.store == "sqlite":
        elapsed = asyncio.run(bench_sqlite(args.appends))
    else:
        elapsed = asyncio.run(bench_postgres(args.dsn, args.appends))
    events = 2 * args.appends
    print(
        f"{args.store}: {args.appends} appends, {events} events in {elapsed:.2f} s: "
        f"{events / elapsed:,.0f} events/s, {1000 * elapsed / args.appends:.2f} ms/append"
    )


if __name__ == "__main__":
    main()
