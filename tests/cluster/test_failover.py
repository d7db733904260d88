"""Failover: ``kill -9`` of the primary under load, its synchronous standby promoted.

``motcua serve`` runs on a multi-host URL naming both servers with
``target_session_attrs=read-write``; eight desk clerks file dossiers and ask for
supplements, retrying each command with its idempotency key until acknowledged. The
primary's postmaster and every child are SIGKILLed (the machine dies), nothing answers
for a second, then ``pg_ctl promote`` makes the standby the primary. Afterwards, read
from the new primary:

- nothing acknowledged is lost (``synchronous_commit = on`` with the standby named in
  ``synchronous_standby_names``: a commit is acknowledged once the standby has it);
- the gap answered 503 with ``Retry-After``, never a 500, and the server never went away;
- commands were acknowledged again within 10 s of the promotion;
- the in-process projections, carried over, equal a rebuild from zero: each applied
  every event exactly once.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from uuid import UUID

import pytest

from tests.cluster.replication import Replicated
from tests.reliability.consistency import read_contents
from tests.reliability.convergence import caught_up_equals_rebuilt
from tests.reliability.figures import record
from tests.reliability.load import Tally, run_clerks
from tests.reliability.server import Server

pytestmark = pytest.mark.cluster
CLIENTS = 8
SERVING_WITHIN = 10.0


def fail_over(pair: Replicated, tally: Tally, stop: asyncio.Event) -> dict[str, float]:
    """In a thread, under the clerks' load: kill the primary, promote the standby after
    a gap, and time how long until a command is acknowledged again; then stop the
    clerks. These pauses choose *when* to strike; they wait for nothing."""
    try:
        threading.Event().wait(1.5)  # load on the first primary
        pair.primary.kill()
        killed = time.monotonic()
        threading.Event().wait(1.0)  # the gap: no server accepts writes
        acknowledged = len(tally.acks)
        pair.standby.promote()
        promoted = time.monotonic()
        while len(tally.acks) == acknowledged and time.monotonic() < promoted + 30.0:
            threading.Event().wait(0.02)  # polling the clerks' tally against a deadline
        serving_after = time.monotonic() - promoted
        threading.Event().wait(1.0)  # load on the new primary
        return {"gap_s": promoted - killed, "serving_after_s": serving_after}
    finally:
        stop.set()


async def test_failover_loses_no_acknowledged_command(
    replicated: Replicated, servers: list[Server], tmp_path: Path
) -> None:
    database = replicated.primary.create_database()
    replicated.make_synchronous()
    server = Server(replicated.multi_host(database), tmp_path)
    servers.append(server)
    server.start()
    stop, tally = asyncio.Event(), Tally()
    timings, _ = await asyncio.gather(
        asyncio.to_thread(fail_over, replicated, tally, stop),
        run_clerks(server.url, CLIENTS, rounds=400, seconds=60.0, stop=stop, tally=tally),
    )
    server.stop()

    contents = await read_contents(replicated.on_standby(database))
    for ack in tally.acks:
        dossier = contents.dossiers.get(UUID(ack.dossier_id))
        assert dossier is not None, f"acknowledged {ack} but the new primary lacks it"
        assert dossier.version >= ack.version, ack
    assert contents.half_applied() == []
    assert tally.server_errors == 0, tally.statuses
    assert tally.statuses[503] > 0, tally.statuses  # the gap was felt, as 503s
    assert all(isinstance(status, int) for status in tally.statuses), tally.statuses
    assert tally.missing_retry_after == 0
    assert timings["serving_after_s"] <= SERVING_WITHIN, timings
    converged, read_models = await caught_up_equals_rebuilt(replicated.multi_host(database))
    assert converged, read_models
    assert server.unhandled() == [], server.unhandled()
    record(
        "failover",
        clients=CLIENTS,
        acknowledged=len(tally.acks),
        answers=dict(tally.statuses),
        events_in_store=contents.events,
        read_models=read_models,
        **{name: round(seconds, 2) for name, seconds in timings.items()},
    )
