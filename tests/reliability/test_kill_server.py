"""``kill -9`` of ``motcua serve`` under load, five times, on SQLite and on PostgreSQL.

Twelve desk clerks file dossiers and ask for supplements with idempotency keys,
retrying each command with its key until acknowledged, while the server is SIGKILLed at
random moments and started again. Afterwards, read straight from the store:

- nothing acknowledged is lost: every acknowledged filing's dossier is there, every
  acknowledged request for a supplement is in its dossier's stream;
- nothing is half-applied: register entries and dossiers pair up one to one, and each
  key made exactly one dossier (a retry after a crash never files twice);
- the hash chain verifies (``motcua verify``);
- after each restart the server was ready (``/health/ready`` 200) within 5 s;
- ``motcua projections run``, killed at the same moments, catches up to read models
  equal to those of a rebuild from zero.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests.reliability.consistency import read_contents, verify_chain
from tests.reliability.convergence import caught_up_equals_rebuilt
from tests.reliability.figures import record
from tests.reliability.load import run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.reliability
KILLS = 5
CLIENTS = 12
READY_WITHIN = 5.0


def kill_and_restart(
    server: Server, projector: Server, kills: int, seed: int, stop: asyncio.Event
) -> list[float]:
    """In a thread: SIGKILL the server and the projections at a random moment, restart
    them, ``kills`` times; then stop the clients. Returns the seconds each restart took
    to be ready."""
    moments = random.Random(seed)
    ready_after: list[float] = []
    try:
        for _ in range(kills):
            # A random moment of load, then the kill; these pauses choose *when* to
            # strike, they wait for nothing.
            threading.Event().wait(moments.uniform(0.3, 1.5))
            server.kill()
            projector.kill()
            projector.spawn("projections", "run")
            ready_after.append(server.start(within=READY_WITHIN * 4))
        threading.Event().wait(0.5)  # some load on the last incarnation too
    finally:
        stop.set()
    return ready_after


async def test_no_acknowledged_command_is_lost_to_kill_9(
    database_url: str, servers: list[Server], tmp_path: Path
) -> None:
    server, projector = Server(database_url, tmp_path), Server(database_url, tmp_path)
    servers += [server, projector]
    server.start()
    projector.spawn("projections", "run")  # killed with the server, every time
    stop = asyncio.Event()
    seed = random.randrange(1_000_000)
    started = time.monotonic()
    killer = asyncio.to_thread(kill_and_restart, server, projector, KILLS, seed, stop)
    clerks = run_clerks(server.url, CLIENTS, rounds=400, seconds=90.0, stop=stop)
    ready_after, tally = await asyncio.gather(killer, clerks)
    # Every client finished its last command before the clients' deadline.
    assert time.monotonic() - started < 90.0
    server.stop()
    projector.kill()

    contents = await read_contents(database_url)
    for ack in tally.acks:
        dossier = contents.dossiers.get(UUID(ack.dossier_id))
        assert dossier is not None, f"acknowledged {ack} but the dossier is not stored"
        assert dossier.version >= ack.version
        if ack.action == "ask":
            assert dossier.status == "awaiting_supplement", ack
    assert contents.half_applied() == []
    filings = [ack for ack in tally.acks if ack.action == "file"]
    assert len({ack.key for ack in filings}) == len(filings)
    assert len({ack.dossier_id for ack in filings}) == len(filings)
    # One dossier per key: no retry after a crash filed a second one.
    filed_by_clients = [s for s in contents.filed_by.values() if s.startswith("load-clerk-")]
    assert len(filed_by_clients) == len(filings)
    verified = verify_chain(server)
    assert max(ready_after) <= READY_WITHIN, ready_after
    assert tally.server_errors == 0, tally.statuses
    assert tally.missing_retry_after == 0
    # The projections, killed with the server, catch up to what a rebuild from zero says.
    converged, read_models = await caught_up_equals_rebuilt(database_url)
    assert converged, read_models
    assert projector.unhandled() == [] and "Traceback" not in projector.log(), projector.tail()

    record(
        f"kill9[{database_url.split(':', 1)[0]}]",
        seed=seed,
        kills=KILLS,
        clients=CLIENTS,
        acknowledged=len(tally.acks),
        filings=len(filings),
        answers=dict(tally.statuses),
        ready_after_s=[round(s, 2) for s in ready_after],
        events_in_store=contents.events,
        verify=verified,
        read_models=read_models,
        seconds=round(time.monotonic() - started, 1),
    )
