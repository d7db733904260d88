"""Fixtures of the cluster suite: fresh databases on the machine's PostgreSQL (several
server processes share each one), PostgreSQL clusters of our own (one to restart, a
primary and its standby, one behind pgbouncer) started and stopped here, and ``motcua``
child processes stopped at each test's end (``servers``). Every test module here is
marked ``cluster`` (``pytestmark``): ``.venv/bin/pytest -m cluster tests/cluster`` runs
them alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cluster.pgbouncer import Pgbouncer
from tests.cluster.replication import Replicated
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


@pytest.fixture
def replicated() -> Iterator[Replicated]:
    """A primary and its streaming (asynchronous) standby."""
    pair = Replicated.start()
    yield pair
    pair.destroy()


@pytest.fixture
def pooled_cluster() -> Iterator[tuple[PrivateCluster, Pgbouncer]]:
    """One private server, and pgbouncer in transaction mode in front of it."""
    cluster = PrivateCluster.start()
    try:
        bouncer = Pgbouncer.start(cluster)
    except BaseException:
        cluster.destroy()
        raise
    yield cluster, bouncer
    bouncer.stop()
    cluster.destroy()
