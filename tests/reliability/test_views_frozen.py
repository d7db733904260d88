"""The read models' reads on a frozen PostgreSQL (postmaster and backends SIGSTOPped):
the server answers nothing, so only the client's own time-out ends a read. Commands are
bounded so (``test_postgres_frozen.py``); a query must be too: an outage (503), a little
after the views' ``statement_timeout``, never a request held until the server thaws.
The read waits out the statement's time-out, then asyncpg's cancel request of it (sent
to the same frozen server) once more: ~4 s here for a 1 s ``statement_timeout``."""

from __future__ import annotations

import asyncio
import time

import pytest

from application.ports import StoreUnavailable
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.postgres.pooling import CLIENT_MARGIN
from infrastructure.postgres.views import PostgresViews
from tests.reliability.cluster import PrivateCluster

pytestmark = pytest.mark.reliability
STATEMENT_TIMEOUT = 1.0


async def test_a_read_of_the_views_gives_up_on_a_frozen_server(
    cluster: PrivateCluster, cluster_database: str
) -> None:
    store = await PostgresEventStore.open(cluster_database)
    try:
        await store.migrate()
    finally:
        await store.close()
    views = await PostgresViews.open(cluster_database, statement_timeout=STATEMENT_TIMEOUT)
    try:
        assert await views.fetch("SELECT 1") == [(1,)]
        cluster.freeze()
        try:
            started = time.monotonic()
            reading = asyncio.ensure_future(views.fetch("SELECT 1"))
            done, _ = await asyncio.wait({reading}, timeout=20.0)
            waited = time.monotonic() - started
        finally:
            cluster.thaw()
        assert done, "the read waited for the server to thaw"
        with pytest.raises(StoreUnavailable):
            reading.result()
        assert waited < 2 * (STATEMENT_TIMEOUT + CLIENT_MARGIN) + 2.0, waited
        assert await views.fetch("SELECT 1") == [(1,)]  # and it recovers by itself
    finally:
        await views.close()
