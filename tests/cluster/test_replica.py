"""Queries answered by read models are served from a streaming replica once it has
replayed what they must see; past the bound the primary answers.

The standby logs every statement it runs (``log_statement = all``), so the test sees
where each search was answered: on the replica while it streams; on the primary, within
the bound, while its replay is paused; on the replica again once it resumes.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from domain.shared import Role
from tests.cluster.apps import app_over
from tests.cluster.replication import Replicated
from tests.e2e.api import bearer, file, serving
from tests.reliability.cluster import fetch

pytestmark = pytest.mark.cluster
BOUND = 1.0  # MOTCUA_READ_WAIT_SECONDS here
COOL_OFF = 1.0  # PostgresReplica.COOL_OFF_SECONDS


def searches_on(replicated: Replicated) -> int:
    """How many searches of the dossiers the standby ran."""
    log = (replicated.standby.directory / "log").read_text(errors="replace")
    return sum("LOG:" in line and "JOIN search_dossiers" in line for line in log.splitlines())


async def found(client: httpx.AsyncClient, code: str) -> list[str]:
    answer = await client.get(f"/api/v1/dossiers?q={code}", headers=bearer(Role.CLERK))
    assert answer.status_code == 200, answer.text
    return [item["code"] for item in answer.json()["items"]]


async def test_reads_on_the_replica_see_the_writes_before_them(
    replicated: Replicated, tmp_path: Path
) -> None:
    url = replicated.primary.create_database()
    replicated.standby.set_system("log_statement", "all")
    replica = replicated.on_standby(url)
    async with (
        app_over(url, tmp_path, replica_url=replica, read_wait_seconds=BOUND) as app,
        serving(app) as client,
    ):
        # Each filing is searched for at once: the replica has it, every time.
        for _ in range(5):
            code = (await file(client))["code"]
            assert await found(client, code) == [code]
        on_replica = searches_on(replicated)
        assert on_replica >= 5

        # Replay paused: the replica cannot show the new dossier, so after the bound
        # the primary answers, and answers right.
        fetch(replica, "SELECT pg_wal_replay_pause()")
        code = (await file(client))["code"]
        started = time.monotonic()
        assert await found(client, code) == [code]
        assert BOUND <= time.monotonic() - started < BOUND + 2.0
        # The replica missed its bound: the next reads go to the primary without a wait.
        started = time.monotonic()
        assert await found(client, code) == [code]
        assert time.monotonic() - started < BOUND
        assert searches_on(replicated) == on_replica

        # Replay resumed: after the cool-off, the replica answers again.
        fetch(replica, "SELECT pg_wal_replay_resume()")
        await asyncio.sleep(COOL_OFF)  # let the cool-off pass; nothing to poll for
        assert await found(client, code) == [code]
        assert searches_on(replicated) == on_replica + 1
