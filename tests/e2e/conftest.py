"""End-to-end fixtures: the HTTP API over a real store, SQLite and PostgreSQL.

Storage comes from the contract suite's fixtures (a fresh SQLite file or PostgreSQL
schema per test); every e2e module narrows them to the two durable stores with
``pytestmark = E2E`` (see ``tests/e2e/api.py``). The App runs on a FixedClock at
Monday 11 January 2021, 09:00 in Hà Nội, before the 2025 reform, with the fixed calendar
of ``tests.examples`` (APP_MONDAY_9AM, APP_CALENDAR: why).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from application.attachments.ports import BlobStore
from application.forms.ports import FormRenderer
from infrastructure.clock import FixedClock
from infrastructure.crypto import KeyWrap
from infrastructure.erasure_ledger import FileErasureLedger
from infrastructure.personal_data import (
    PersonalDataAdapters,
    memory_personal_data,
    open_person_keys,
)
from infrastructure.settings import Settings
from infrastructure.view_stores import Views, memory_views, open_views
from interfaces.bootstrap import App, bootstrap
from tests.contract.conftest import Opener, Storage, open_store, storage
from tests.e2e.api import SECRET, serving
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM

__all__ = ["open_store", "storage"]  # the contract suite's fixtures, offered here too

AppOpener = Callable[..., Awaitable[App]]
"""Opens the App; keyword arguments are settings (``webhook_allow="127.0.0.1"``)."""
MASTER_KEY = bytes(range(32))


def database_of(storage: Storage) -> tuple[str, dict[str, str] | None]:
    """The URL of the test's own database, and the server settings that pick its schema."""
    if storage.sqlite_path is not None:
        return f"sqlite:///{storage.sqlite_path}", None
    assert storage.postgres_url is not None
    return storage.postgres_url, {"search_path": str(storage.postgres_schema)}


async def personal_data_on(storage: Storage, ledger: Path) -> PersonalDataAdapters:
    """Person keys in the test's own database, as in production, under a fixed master key;
    the erasure ledger in the test's directory."""
    if storage.backend == "memory":
        return memory_personal_data()
    url, settings = database_of(storage)
    keys = await open_person_keys(url, KeyWrap(MASTER_KEY), server_settings=settings)
    return PersonalDataAdapters(keys, FileErasureLedger(ledger))


async def views_on(storage: Storage) -> Views:
    """The read models' views in the test's own database, as in production."""
    if storage.backend == "memory":
        return memory_views()
    url, settings = database_of(storage)
    return await open_views(url, server_settings=settings)


def e2e_settings(**more: Any) -> Settings:
    """Read your writes, with a bound no test machine reaches; ``more`` on top."""
    return Settings(jwt_secret=SECRET, read_wait_seconds=30, **more)


async def app_on(
    open_store: Opener,
    storage: Storage,
    tmp_path: Path,
    settings: Settings,
    blobs: BlobStore | None = None,
    form_renderer: FormRenderer | None = None,
) -> App:
    """An App on this test's storage (migrated, person_keys included), its views in the
    same database, on the fixed clock and calendar; files in ``blobs`` (default: memory);
    forms drawn by ``form_renderer`` (default: the PDFs, in the test's process)."""
    return await bootstrap(
        settings,
        store=await open_store(),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        views=await views_on(storage),
        personal_data=await personal_data_on(storage, tmp_path / "erasures.log"),
        blobs=blobs,
        form_renderer=form_renderer,
    )


@pytest.fixture
async def open_app(
    open_store: Opener, storage: Storage, tmp_path: Path
) -> AsyncIterator[AppOpener]:
    """Bootstraps an App on this test's storage, its read models' views in the same
    database; calling it again is a restart. Serving it runs its projections."""
    opened: list[App] = []

    async def open_(**settings: Any) -> App:
        app = await app_on(open_store, storage, tmp_path, e2e_settings(**settings))
        opened.append(app)
        return app

    yield open_
    for app in opened:
        await app.close()


@pytest.fixture
async def app(open_app: AppOpener) -> App:
    return await open_app()


@pytest.fixture
def clock(app: App) -> FixedClock:
    assert isinstance(app.clock, FixedClock)
    return app.clock


@pytest.fixture
async def client(app: App) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(app) as client:
        yield client
