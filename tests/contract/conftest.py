"""The ``store`` fixture: one contract suite, run against every event store adapter.

``open_store()`` opens a store on this test's own storage (a fresh SQLite file, or a
fresh PostgreSQL schema in the run's database); calling it again opens another store
on the same storage, which is how the durability test reopens. Stores are closed and
the storage dropped at the end of the test.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from application.ports import EventStore
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.sqlite.event_store import SqliteEventStore
from tests.postgres_server import execute_sql, run_sync

Opener = Callable[..., Awaitable[EventStore]]  # precisely: StoreOpener in test_event_store.py


@dataclass(frozen=True)
class Storage:
    backend: str
    sqlite_path: Path | None = None
    postgres_url: str | None = None
    postgres_schema: str | None = None


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    backend: str = request.param
    if backend != "postgres":
        yield Storage(backend, sqlite_path=tmp_path / "events.sqlite3")
        return
    url: str = request.getfixturevalue("postgres_url")
    schema = f"contract_{uuid.uuid4().hex[:12]}"
    run_sync(execute_sql(url, f"CREATE SCHEMA {schema}"))
    yield Storage(backend, postgres_url=url, postgres_schema=schema)
    run_sync(execute_sql(url, f"DROP SCHEMA {schema} CASCADE"))


@pytest.fixture
async def open_store(storage: Storage) -> AsyncIterator[Opener]:
    opened: list[EventStore] = []

    async def open_(*, migrate: bool = True, lock_wait: float | None = None) -> EventStore:
        store: InMemoryEventStore | SqliteEventStore | PostgresEventStore
        if storage.backend == "memory":
            store = InMemoryEventStore()
        elif storage.sqlite_path is not None:
            store = await SqliteEventStore.open(storage.sqlite_path, busy_timeout=lock_wait or 5.0)
        else:
            assert storage.postgres_url is not None
            store = await PostgresEventStore.open(
                storage.postgres_url,
                max_size=25,
                lock_timeout=lock_wait or 5.0,
                server_settings={"search_path": str(storage.postgres_schema)},
            )
        opened.append(store)
        if migrate and not isinstance(store, InMemoryEventStore):
            await store.migrate()
        return store

    yield open_
    for store in opened:
        await store.close()


@pytest.fixture
async def store(open_store: Opener) -> EventStore:
    return await open_store()
