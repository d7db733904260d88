"""Views on this test's storage (see ``tests/contract/conftest.py``: a fresh SQLite file
or PostgreSQL schema, or memory), the standard ones and a counting one.

``open_backend()`` opens the views again on the same storage, as another server
process would (in memory: the same views, the only ones there are)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from application.ports import EventStore, RecordedEvent
from infrastructure.clock import FixedClock
from infrastructure.memory.views import MemoryViews
from infrastructure.postgres.views import PostgresViews
from infrastructure.sql_views.projection_store import SqlProjectionStore
from infrastructure.sqlite.views import SqliteViews
from infrastructure.view_stores import Views, memory_views, sql_views
from interfaces.bootstrap import App, bootstrap
from projections.ports import ProjectionStore
from projections.runner import RunnerOptions
from projections.source import EventSource
from tests.contract.conftest import Opener, Storage
from tests.contract.projections.counting import MEMORY_COUNTING, CountingView, SqlCounting
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM

FAST = RunnerOptions(
    batch_size=10, poll_seconds=0.01, standby_seconds=0.02, attempts=3, backoff_seconds=0.001
)


@dataclass
class Backend:
    views: Views
    counting: ProjectionStore[CountingView]
    counts: Callable[[], Awaitable[dict[int, int]]]


BackendOpener = Callable[[], Awaitable[Backend]]


def raw_source(store: EventStore) -> EventSource:
    """Events as stored: the counting projection needs no decoding."""

    def as_stored(recorded: RecordedEvent) -> RecordedEvent:
        return recorded

    return EventSource(store, as_stored)


@pytest.fixture
async def open_backend(storage: Storage) -> AsyncIterator[BackendOpener]:
    memory = MemoryViews()
    closers: list[Callable[[], Awaitable[None]]] = []

    async def open_() -> Backend:
        if storage.backend == "memory":
            return _memory_backend(memory)
        if storage.sqlite_path is not None:
            sql: SqliteViews | PostgresViews = await SqliteViews.open(storage.sqlite_path)
        else:
            assert storage.postgres_url is not None
            sql = await PostgresViews.open(
                storage.postgres_url, server_settings={"search_path": str(storage.postgres_schema)}
            )
        closers.append(sql.close)

        async def counts() -> dict[int, int]:
            rows = await sql.fetch("SELECT position, times FROM counted ORDER BY position")
            return {int(position): int(times) for position, times in rows}

        return Backend(sql_views(sql), SqlProjectionStore(sql, SqlCounting()), counts)

    yield open_
    for close in closers:
        await close()


def _memory_backend(memory: MemoryViews) -> Backend:
    async def counts() -> dict[int, int]:
        return dict(sorted(memory.live("counting").table("counted").items()))

    return Backend(memory_views(memory), memory.store(MEMORY_COUNTING), counts)


AppOpener = Callable[[], Awaitable[App]]


@pytest.fixture
async def open_app(open_store: Opener, open_backend: BackendOpener) -> AsyncIterator[AppOpener]:
    """An App on this test's storage and views, on a FixedClock at Monday 11 January 2021,
    09:00 in Hà Nội; its projections poll often."""
    opened: list[App] = []

    async def open_() -> App:
        store = await open_store()  # migrated: the views' tables follow its schema
        backend = await open_backend()
        app = await bootstrap(
            store=store,
            clock=FixedClock(APP_MONDAY_9AM),
            calendar=APP_CALENDAR,
            views=backend.views,
            runner_options=FAST,
        )
        opened.append(app)
        return app

    yield open_
    for app in opened:
        await app.stop_projections()
