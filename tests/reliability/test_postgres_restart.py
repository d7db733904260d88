"""PostgreSQL restarted under load (the private cluster: ``-m immediate``, ``-m fast``).

Twelve clerks keep filing and asking for supplements through ``motcua serve`` while its
database restarts twice. During the outages they must get 503 with ``Retry-After``,
never a 500 and never a hang (each answer within a few seconds); afterwards the server's
pool must recover by itself (acknowledged commands again, no restart of the server); and
nothing acknowledged may be lost.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests.reliability.cluster import PrivateCluster
from tests.reliability.consistency import read_contents, verify_chain
from tests.reliability.figures import record
from tests.reliability.load import Tally, run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.reliability
ANSWER_WITHIN = 6.0  # seconds: the store gives up after MOTCUA_STORE_TIMEOUT_SECONDS (5)


def restart_twice(cluster: PrivateCluster, tally: Tally, stop: asyncio.Event) -> dict[str, float]:
    """In a thread: load, ``restart -m immediate``, load, ``restart -m fast``, load. Returns
    how long each restart took and how many acknowledgements there were before the last."""
    moments: dict[str, float] = {}
    pause = threading.Event().wait  # these pauses let load run; they wait for nothing
    try:
        pause(1.0)
        for mode in ("immediate", "fast"):
            started = time.monotonic()
            cluster.restart(mode)
            moments[mode] = time.monotonic() - started
            pause(1.5)
        moments["acks_before_recovery_window"] = len(tally.acks)
        pause(1.5)
    finally:
        stop.set()
    return moments


async def test_clients_get_503_during_a_restart_and_the_pool_recovers(
    cluster: PrivateCluster, cluster_database: str, servers: list[Server], tmp_path: Path
) -> None:
    server = Server(cluster_database, tmp_path)
    servers.append(server)
    server.start()
    stop = asyncio.Event()
    tally = Tally()
    restarts = asyncio.to_thread(restart_twice, cluster, tally, stop)
    clerks = run_clerks(server.url, 12, rounds=400, seconds=60.0, stop=stop, tally=tally)
    moments, _ = await asyncio.gather(restarts, clerks)

    assert server.process is not None and server.process.poll() is None, "the server died"
    assert set(tally.statuses) <= {200, 201, 409, 503}, (tally.statuses, server.unhandled())
    assert tally.statuses[503] > 0, "no outage was seen: the test proved nothing"
    assert tally.missing_retry_after == 0
    assert tally.slowest < ANSWER_WITHIN, tally.slowest
    # Recovery by itself: acknowledged commands after the restarts, same server process.
    assert len(tally.acks) > moments["acks_before_recovery_window"]
    server.stop()

    contents = await read_contents(cluster_database)
    for ack in tally.acks:
        assert UUID(ack.dossier_id) in contents.dossiers, ack
    assert contents.half_applied() == []
    verified = verify_chain(server)
    record(
        "postgres_restart",
        restarts={k: round(v, 2) for k, v in moments.items()},
        answers=dict(tally.statuses),
        acknowledged=len(tally.acks),
        slowest_s=round(tally.slowest, 2),
        p99_s=round(tally.percentile(0.99), 3),
        verify=verified,
    )
