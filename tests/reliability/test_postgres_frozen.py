"""PostgreSQL unresponsive: the private postmaster and all its backends SIGSTOPped for 20 s.

A frozen server accepts TCP connections (the kernel does) and answers nothing, so only
the client's own timeouts can end a wait. Twelve clerks keep working through ``motcua
serve`` (``MOTCUA_STORE_TIMEOUT_SECONDS=2``) and a probe asks ``/health/ready`` over and
over: every request must answer within 5 s (503 while frozen), none with a 500. After
SIGCONT no transaction may be left holding the append lock (``pg_locks``), and the
service must recover by itself.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from pathlib import Path
from uuid import UUID

import httpx
import pytest

from tests.reliability.cluster import APPEND_LOCK_HOLDERS, PrivateCluster, fetch
from tests.reliability.consistency import read_contents, verify_chain
from tests.reliability.figures import record
from tests.reliability.load import Tally, run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.reliability
FROZEN_FOR = 20.0
ANSWER_WITHIN = 5.0
STORE_TIMEOUT = "2"


def freeze_for(cluster: PrivateCluster, tally: Tally, stop: asyncio.Event) -> dict[str, float]:
    pause = threading.Event().wait  # these pauses let load run; they wait for nothing
    figures: dict[str, float] = {}
    try:
        pause(1.0)
        figures["frozen_processes"] = len(cluster.freeze())
        try:
            pause(FROZEN_FOR)
        finally:
            cluster.thaw()
        figures["acks_when_thawed"] = len(tally.acks)
        pause(3.0)
    finally:
        stop.set()
    return figures


async def probe(base_url: str, stop: asyncio.Event, statuses: Counter[int | str]) -> float:
    """Ask for readiness until stopped; return the slowest answer's seconds."""
    slowest = 0.0
    async with httpx.AsyncClient(base_url=base_url, timeout=15.0) as client:
        while not stop.is_set():
            started = time.monotonic()
            try:
                statuses[(await client.get("/health/ready")).status_code] += 1
            except httpx.TransportError as error:
                statuses[type(error).__name__] += 1
            slowest = max(slowest, time.monotonic() - started)
            await asyncio.sleep(0.1)  # a probe's period
    return slowest


async def test_a_frozen_database_gets_503_within_5s_and_leaves_no_lock_behind(
    cluster: PrivateCluster, cluster_database: str, servers: list[Server], tmp_path: Path
) -> None:
    server = Server(
        cluster_database, tmp_path, extra_env={"MOTCUA_STORE_TIMEOUT_SECONDS": STORE_TIMEOUT}
    )
    servers.append(server)
    server.start()
    stop, tally, probed = asyncio.Event(), Tally(), Counter[int | str]()
    tally_clerks = run_clerks(server.url, 12, rounds=2000, seconds=60.0, stop=stop, tally=tally)
    figures, _, probe_slowest = await asyncio.gather(
        asyncio.to_thread(freeze_for, cluster, tally, stop),
        tally_clerks,
        probe(server.url, stop, probed),
    )

    assert set(tally.statuses) <= {200, 201, 409, 503}, (tally.statuses, server.unhandled())
    assert set(probed) <= {200, 503}, probed
    assert tally.statuses[503] > 0 and probed[503] > 0, "the freeze was not noticed"
    assert tally.missing_retry_after == 0
    assert max(tally.slowest, probe_slowest) < ANSWER_WITHIN, (tally.slowest, probe_slowest)
    assert len(tally.acks) > figures["acks_when_thawed"], "no recovery after SIGCONT"

    # No transaction kept the append lock: poll pg_locks for a little while.
    deadline, holders = time.monotonic() + 10.0, fetch(cluster_database, APPEND_LOCK_HOLDERS)
    while holders and time.monotonic() < deadline:
        await asyncio.sleep(0.1)  # polling pg_locks against the deadline
        holders = fetch(cluster_database, APPEND_LOCK_HOLDERS)
    assert holders == [], holders
    server.stop()

    contents = await read_contents(cluster_database)
    for ack in tally.acks:
        assert UUID(ack.dossier_id) in contents.dossiers, ack
    assert contents.half_applied() == []
    verified = verify_chain(server)
    record(
        "postgres_frozen",
        frozen_s=FROZEN_FOR,
        store_timeout_s=float(STORE_TIMEOUT),
        **figures,
        answers=dict(tally.statuses),
        problems=dict(tally.problems),
        probe=dict(probed),
        slowest_s=round(max(tally.slowest, probe_slowest), 2),
        acknowledged=len(tally.acks),
        verify=verified,
    )
