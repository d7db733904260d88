"""Fixtures of the cluster suite: fresh databases on the machine's PostgreSQL (several
server processes share each one), a private cluster to restart, and ``motcua`` child
processes stopped at each test's end (``servers``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres_server import create_database, drop_database, postgres_dsn
from tests.reliability.cluster import PrivateCluster
from tests.reliability.conftest import servers

__all__ = ["servers"]  # the reliability suite's: motcua processes, stopped at the end


@pytest.fixture
def main_database() -> Iterator[str]:
    """A fresh database on 127.0.0.1:5432 (or the suite's PostgreSQL), dropped after."""
    url = create_database(postgres_dsn(), prefix="motcua_cluster")
    yield url
    drop_database(url)


@pytest.fixture
def restartable_database() -> Iterator[tuple[PrivateCluster, str]]:
    """A fresh database on a private cluster of its own, which the test may restart."""
    cluster = PrivateCluster.start()
    try:
        yield cluster, cluster.create_database()
    finally:
        cluster.destroy()
