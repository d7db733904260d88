"""SQLite under contention: twenty concurrent writers over HTTP, on one server process
and on two server processes sharing the file.

The two processes contend for the file's write lock (``BEGIN IMMEDIATE``, busy timeout);
whoever waits too long must answer 503, never let "database is locked" out as a 500.
Every answer must be 2xx, 409 or 503; afterwards the store is consistent and its hash
chain verifies.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests.reliability.consistency import read_contents, verify_chain
from tests.reliability.figures import record
from tests.reliability.load import Tally, run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.reliability
WRITERS = 20
SECONDS = 8.0


@pytest.mark.parametrize("processes", [1, 2])
async def test_twenty_writers_get_only_2xx_409_or_503(
    processes: int, servers: list[Server], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    for _ in range(processes):
        server = Server(url, tmp_path)
        servers.append(server)
        server.start()
    stop, tally = asyncio.Event(), Tally()
    share = WRITERS // processes
    started = time.monotonic()
    await asyncio.gather(
        *(
            run_clerks(
                s.url, share, rounds=1000, seconds=SECONDS, stop=stop, tally=tally, first=n * share
            )
            for n, s in enumerate(servers)
        )
    )
    took = time.monotonic() - started
    for server in servers:
        server.stop()

    unhandled = [line for server in servers for line in server.unhandled()]
    assert unhandled == []
    assert set(tally.statuses) <= {200, 201, 409, 503}, tally.statuses
    assert tally.statuses[201] > 0 and tally.statuses[200] > 0
    assert not any("database is locked" in server.log() for server in servers)
    contents = await read_contents(url)
    for ack in tally.acks:
        assert UUID(ack.dossier_id) in contents.dossiers, ack
    assert contents.half_applied() == []
    verified = verify_chain(servers[0])
    record(
        f"sqlite_contention[{processes} process(es)]",
        writers=WRITERS,
        seconds=round(took, 1),
        answers=dict(tally.statuses),
        problems=dict(tally.problems),
        acknowledged=len(tally.acks),
        p99_s=round(tally.percentile(0.99), 3),
        verify=verified,
    )
