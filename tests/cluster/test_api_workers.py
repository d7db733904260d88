"""``motcua serve --workers 2`` on PostgreSQL: two API processes share the port, each
with its own group commit, and the projections run in a third.

Sixteen desk clerks file and ask for supplements at once, with idempotency keys. Both
workers must have served (each used CPU), the log's positions must be dense (1..N: the
store's table lock orders appends across processes, not only within one), and every
acknowledged command must be in the store. An API process killed is started again.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests.cluster.processes import (
    child_processes,
    cpu_seconds,
    log_positions,
    serving,
    serving_pids,
    wait_projected,
)
from tests.reliability.consistency import read_contents
from tests.reliability.load import run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.cluster
CLIENTS = 16


async def test_two_api_workers_keep_the_log_dense_and_lose_no_command(
    main_database: str, servers: list[Server], tmp_path: Path
) -> None:
    server = serving(main_database, tmp_path, "--workers", "2")
    servers.append(server)
    assert server.process is not None
    children = child_processes(server.process.pid)
    projectors = [pid for pid, line in children.items() if "projections run" in line]
    workers = [pid for pid, line in children.items() if "spawn_main" in line]
    assert len(projectors) == 1 and len(workers) == 2, children
    # Readiness is one worker's answer; connections made before the other one serves
    # would all go to the first (the clients keep them open).
    await serving_pids(server, set(workers), within=60.0)
    idle = {pid: cpu_seconds(pid) for pid in workers}

    tally = await run_clerks(server.url, CLIENTS, rounds=25, seconds=120.0, stop=asyncio.Event())

    # Each API process took a share of the load (the receipts are rendered by form
    # workers of their own, so an API process's share of CPU is small; idle, it uses ~0).
    used = {pid: cpu_seconds(pid) - idle[pid] for pid in workers}
    assert all(seconds > 0.2 for seconds in used.values()), used
    assert tally.server_errors == 0, tally.statuses
    await wait_projected(main_database, within=120.0)
    server.stop()
    positions = await log_positions(main_database)
    assert positions == list(range(1, len(positions) + 1))
    contents = await read_contents(main_database)
    filings = [ack for ack in tally.acks if ack.action == "file"]
    assert len(filings) >= CLIENTS * 10, tally.statuses
    for ack in tally.acks:
        dossier = contents.dossiers.get(UUID(ack.dossier_id))
        assert dossier is not None, f"acknowledged {ack} but the dossier is not stored"
        assert dossier.version >= ack.version
    assert contents.half_applied() == []
    assert "Traceback" not in server.log(), server.tail()


async def test_an_api_process_that_dies_is_replaced(
    main_database: str, servers: list[Server], tmp_path: Path
) -> None:
    server = serving(main_database, tmp_path, "--workers", "2", "--no-projections")
    servers.append(server)
    assert server.process is not None
    first = {
        pid for pid, line in child_processes(server.process.pid).items() if "spawn_main" in line
    }
    await serving_pids(server, first, within=60.0)

    killed = min(first)
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + 60.0
    while True:
        now = {p for p, line in child_processes(server.process.pid).items() if "spawn_main" in line}
        if killed not in now and len(now) == 2:
            break
        assert time.monotonic() < deadline, now
        await asyncio.sleep(0.1)  # polling the parent's children against the deadline
    await serving_pids(server, now, within=60.0)
    assert f"API process {killed} ended" in server.log(), server.tail()
