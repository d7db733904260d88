"""Fixtures of the reliability suite: the e2e ones (an App over SQLite or PostgreSQL, its
HTTP client), a private PostgreSQL cluster for the fault tests, and ``motcua serve``
child processes.

The private cluster is started once per session and only ever faulted here; after each
test that uses it, it is thawed and running again whatever the test did.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import app, client, clock, open_app, open_store, storage
from tests.reliability.cluster import PrivateCluster
from tests.reliability.server import Server

__all__ = ["app", "client", "clock", "open_app", "open_store", "storage"]


@pytest.fixture(scope="session")
def private_cluster() -> Iterator[PrivateCluster]:
    cluster = PrivateCluster.start()
    yield cluster
    cluster.destroy()


@pytest.fixture
def cluster(private_cluster: PrivateCluster) -> Iterator[PrivateCluster]:
    """The private cluster, put back on its feet after the test."""
    yield private_cluster
    private_cluster.ensure_running()


@pytest.fixture
def cluster_database(cluster: PrivateCluster) -> Iterator[str]:
    """A fresh database on the private cluster."""
    url = cluster.create_database()
    yield url
    cluster.ensure_running()
    cluster.drop_database(url)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Append the servers a test starts; they are stopped at its end."""
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh SQLite file, or a fresh database on the private cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'motcua.sqlite3'}"
    url: str = request.getfixturevalue("cluster_database")
    return url
