"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.postgres_server import create_database, drop_database, postgres_dsn, shutdown

# An App built by a test renders its forms in a thread, as before the form workers;
# a test that wants the workers says so (``Settings(form_workers=1)``).
os.environ["MOTCUA_FORM_WORKERS"] = "0"


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A PostgreSQL server (see tests/postgres_server.py); stopped at the end if the
    suite started it."""
    yield postgres_dsn()
    shutdown()


@pytest.fixture(scope="session")
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """DSN of a database created fresh for this test run, dropped at its end."""
    url = create_database(postgres_server_url)
    yield url
    drop_database(url)
