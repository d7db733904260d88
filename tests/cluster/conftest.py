"""Fixtures of the cluster suite: PostgreSQL clusters of our own (a primary and its
standby, or one server behind pgbouncer), started and stopped here, never the shared
server. Every test module here is marked ``cluster`` (``pytestmark``): ``scripts/test``
runs them, ``.venv/bin/pytest -m cluster tests/cluster`` runs them alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cluster.pgbouncer import Pgbouncer
from tests.cluster.replication import Replicated
from tests.reliability.cluster import PrivateCluster
from tests.reliability.conftest import servers

__all__ = ["servers"]  # the reliability suite's, offered here too


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
