"""One active owner per projection across ``motcua projections run`` processes, through
PostgreSQL session advisory locks (as Marten's async daemon), and no double apply.

Two workers run every projection and relay; the first to start owns them all, the
second stands by. Under filings, the owner is killed with SIGKILL: its session, and so
its locks, die with it, and the other takes every projection over from the committed
positions. After a PostgreSQL restart (every session gone at once) the workers take
their leases again, one owner each. Each time, the read models once caught up must
equal a rebuild from the first event: an event applied twice (or skipped) would show.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from tests.cluster.processes import projected, serving, wait_projected
from tests.reliability.cluster import PrivateCluster
from tests.reliability.convergence import caught_up_equals_rebuilt
from tests.reliability.load import run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.cluster
CLIENTS = 6


def start_all(database_url: str, directory: Path) -> tuple[Server, Server, Server]:
    """An API-only server, and two projection workers, the first caught up (the owner)
    before the second starts; returns once the second runs."""
    api = serving(database_url, directory, "--no-projections")
    first, second = Server(database_url, directory), Server(database_url, directory)
    first.spawn("projections", "run")
    asyncio.run(wait_projected(database_url, within=120.0))
    second.spawn("projections", "run")
    deadline = time.monotonic() + 60
    while "running" not in second.log():
        assert time.monotonic() < deadline and second.process is not None, second.tail()
        assert second.process.poll() is None, second.tail()
        time.sleep(0.1)  # polling against the deadline
    return api, first, second


async def test_the_standby_worker_takes_over_from_a_killed_owner_once(
    main_database: str, servers: list[Server], tmp_path: Path
) -> None:
    api, owner, standby = await asyncio.to_thread(start_all, main_database, tmp_path)
    servers += [api, owner, standby]
    stop = asyncio.Event()

    def kill_the_owner_mid_load() -> int:
        threading.Event().wait(2.0)  # chooses when to strike under load; waits for nothing
        owner.kill()
        return asyncio.run(projected(main_database))[0]

    head_at_kill, tally = await asyncio.gather(
        asyncio.to_thread(kill_the_owner_mid_load),
        run_clerks(api.url, CLIENTS, rounds=40, seconds=120.0, stop=stop),
    )
    # More filings after the kill, whatever the load's pace was.
    after = await run_clerks(api.url, 2, rounds=3, seconds=60.0, stop=stop, first=CLIENTS)
    assert len(after.acks) == 2 * 3 * 2, after.statuses
    # Only the standby is alive: whatever is projected past the kill, it projected.
    positions = await wait_projected(main_database, within=120.0)
    assert min(positions.values()) > head_at_kill
    assert "permit_issuer" in positions
    assert tally.server_errors == 0, tally.statuses
    converged, read_models = await caught_up_equals_rebuilt(main_database)
    assert converged, read_models
    assert "Traceback" not in standby.log(), standby.tail()


async def test_after_a_postgres_restart_each_projection_has_one_owner_again(
    restartable_database: tuple[PrivateCluster, str], servers: list[Server], tmp_path: Path
) -> None:
    cluster, database_url = restartable_database
    api, first, second = await asyncio.to_thread(start_all, database_url, tmp_path)
    servers += [api, first, second]
    await run_clerks(api.url, CLIENTS, rounds=10, seconds=60.0, stop=asyncio.Event())
    await asyncio.to_thread(cluster.restart, "immediate")
    tally = await run_clerks(api.url, CLIENTS, rounds=10, seconds=60.0, stop=asyncio.Event())
    assert len(tally.acks) == CLIENTS * 10 * 2, tally.statuses
    await wait_projected(database_url, within=120.0)
    converged, read_models = await caught_up_equals_rebuilt(database_url)
    assert converged, read_models
    assert first.process is not None and first.process.poll() is None, first.tail()
    assert second.process is not None and second.process.poll() is None, second.tail()
