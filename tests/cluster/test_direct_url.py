"""``MOTCUA_DIRECT_URL``: the projections' session advisory locks and their ``LISTEN``
go to the direct URL, never to the pooled one (which may be pgbouncer in transaction
mode, where a session lock would stay with whichever client got the server session).
Here both URLs reach the same server; the direct one names itself in
``application_name``, and the server says which session holds the lock and listens."""

from __future__ import annotations

import asyncpg
import pytest

from infrastructure.stores import open_store
from infrastructure.view_stores import open_views

pytestmark = pytest.mark.cluster

HOLDERS = """
SELECT DISTINCT a.application_name FROM pg_locks l JOIN pg_stat_activity a USING (pid)
WHERE l.locktype = 'advisory' AND a.datname = current_database()
"""
LISTENERS = """
SELECT application_name FROM pg_stat_activity
WHERE datname = current_database() AND query LIKE 'LISTEN%'
"""


async def test_leases_and_listening_use_the_direct_url(main_database: str) -> None:
    store = await open_store(main_database, allow_unsafe_durability=True)
    views = await open_views(main_database, direct_url=f"{main_database}?application_name=direct")
    observer = await asyncpg.connect(main_database)
    try:
        async with views.stores.inbox.lease() as lease:
            assert lease is not None
            assert [row[0] for row in await observer.fetch(HOLDERS)] == ["direct"]
        assert [row[0] for row in await observer.fetch(LISTENERS)] == ["direct"]
    finally:
        await observer.close()
        await views.close()
        await store.close()
