"""The append lock held by a stuck transaction: ``BEGIN; LOCK TABLE events IN EXCLUSIVE
MODE`` on a connection of our own, kept open while writers keep coming.

``motcua serve`` runs with ``MOTCUA_STORE_TIMEOUT_SECONDS=2`` (its lock timeout). Every
writer must get 503 with ``Retry-After`` within that timeout (plus a second of slack),
including those that queued behind a batch already waiting for the lock; readers keep
being answered; after the lock is released, appends work again and nothing waits on a
lock (no deadlock).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable
from pathlib import Path

import asyncpg
import httpx
import pytest

from domain.shared import Role
from tests.e2e.api import BODY, bearer
from tests.examples import TODAYS_DESK
from tests.reliability.figures import record
from tests.reliability.server import Server

pytestmark = pytest.mark.reliability
LOCK_TIMEOUT = 2.0
WAVES, PER_WAVE, WAVE_EVERY = 10, 4, 0.5  # writers arrive over 5 s, longer than the timeout
CLERK = bearer(Role.CLERK, TODAYS_DESK, sub="clerk-behind-the-lock")
WAITING_LOCKS = "SELECT count(*) FROM pg_locks WHERE NOT granted"


async def timed(call: Awaitable[httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    answer = await call
    return answer, time.monotonic() - started


async def test_writers_get_503_within_the_lock_timeout_and_appends_resume(
    cluster_database: str, servers: list[Server], tmp_path: Path
) -> None:
    server = Server(
        cluster_database, tmp_path, extra_env={"MOTCUA_STORE_TIMEOUT_SECONDS": str(LOCK_TIMEOUT)}
    )
    servers.append(server)
    server.start()
    async with httpx.AsyncClient(base_url=server.url, timeout=30.0) as client:
        filed = await client.post("/api/v1/dossiers", json=BODY, headers=CLERK)
        assert filed.status_code == 201
        dossier = f"/api/v1/dossiers/{filed.json()['id']}"

        holder = await asyncpg.connect(cluster_database)
        try:
            await holder.execute("BEGIN; LOCK TABLE events IN EXCLUSIVE MODE")
            writes: list[asyncio.Task[tuple[httpx.Response, float]]] = []
            reads: list[tuple[httpx.Response, float]] = []
            waiting = 0
            for _ in range(WAVES):
                writes += [
                    asyncio.create_task(
                        timed(client.post("/api/v1/dossiers", json=BODY, headers=CLERK))
                    )
                    for _ in range(PER_WAVE)
                ]
                reads.append(await timed(client.get(dossier, headers=CLERK)))
                await asyncio.sleep(WAVE_EVERY)  # the arrival rate of the writers
                waiting = max(waiting, await holder.fetchval(WAITING_LOCKS))
            written = await asyncio.gather(*writes)
        finally:
            await holder.execute("ROLLBACK")
            await holder.close()

        statuses = Counter(answer.status_code for answer, _ in written)
        slowest = max(seconds for _, seconds in written)
        assert statuses == Counter({503: WAVES * PER_WAVE}), statuses
        assert all("Retry-After" in answer.headers for answer, _ in written)
        assert slowest < LOCK_TIMEOUT + 1.0, slowest
        assert {answer.status_code for answer, _ in reads} == {200}
        assert waiting >= 1, "no append was ever waiting for the lock: the test proved nothing"

        after = await client.post("/api/v1/dossiers", json=BODY, headers=CLERK)
        assert after.status_code == 201, after.text
    admin = await asyncpg.connect(cluster_database)
    try:
        assert await admin.fetchval(WAITING_LOCKS) == 0
    finally:
        await admin.close()
    record(
        "append_lock",
        lock_timeout_s=LOCK_TIMEOUT,
        writers=WAVES * PER_WAVE,
        answers=dict(statuses),
        slowest_writer_s=round(slowest, 2),
        slowest_reader_s=round(max(seconds for _, seconds in reads), 2),
    )
