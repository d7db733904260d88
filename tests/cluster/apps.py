"""The App of a cluster test: bootstrapped from settings like a server (its adapters
opened from the URLs), on the fixed clock and calendar of the e2e tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from infrastructure.clock import FixedClock
from infrastructure.settings import Settings
from interfaces.bootstrap import App, bootstrap
from tests.e2e.api import SECRET
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM
from tests.reliability.server import MASTER_KEY


@asynccontextmanager
async def app_over(database_url: str, keys: Path, **settings: Any) -> AsyncIterator[App]:
    """An App on ``database_url``; ``settings`` on top (``replica_url=...``). Unless
    they say otherwise, queries wait for the projections with a bound no test machine
    reaches."""
    app = await bootstrap(
        Settings(
            database_url=database_url,
            jwt_secret=SECRET,
            master_key=SecretStr(MASTER_KEY),
            key_directory=keys,
            **{"read_wait_seconds": 30, **settings},
        ),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
    )
    try:
        yield app
    finally:
        await app.close()
