"""``kill -9`` of ``motcua serve`` while it pushes dossiers to the national portal (the
fake one, on loopback, a few milliseconds away), three times, on SQLite and PostgreSQL.

Eight clerks file dossiers and ask for supplements while the server is SIGKILLed at
random moments and started again. Afterwards the portal has every dossier, in its
order: each dossier's accepted statuses are exactly those its log gives, in order (a
run of one status counted once: a transfer is a step 4 after a 4, and a step sent
again right after itself is one too), the fake saw no broken field, session or
``isUpdating``, ``GET /api/v1/portal/sync`` says everything is synced, and
``motcua portal reconcile`` finds no dossier whose portal status differs from the log.
A step acknowledged but not yet written down when the kill came is sent again, right
after itself: counted, as the figure ``resent``.
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.shared import Role
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap
from tests.e2e.api import bearer
from tests.examples import TODAYS_PROVINCE
from tests.outbound.fake_portal import PASSWORD, USER, FakePortal, fake_portal, runs
from tests.reliability.figures import record
from tests.reliability.load import run_clerks
from tests.reliability.restarts import kill_and_restart
from tests.reliability.server import MASTER_KEY, MOTCUA, Server

pytestmark = pytest.mark.reliability
__all__ = ["fake_portal"]  # the fixture
KILLS = 3


async def statuses_from_log(server: Server, fake: FakePortal) -> dict[str, list[int]]:
    settings = Settings(
        database_url=server.database_url,
        master_key=MASTER_KEY,
        portal_url=fake.url,
        portal_user=USER,
        portal_password=PASSWORD,
    )
    app = await bootstrap(settings)
    try:
        assert app.portal.sync is not None
        expected = {}
        async for recorded in app.store.read_all(0, 1_000_000):
            if recorded.type.endswith(":Dossier.Submitted"):
                steps = await app.portal.sync.steps_from_log(recorded.stream_id)
                expected[steps[0].code] = [step.status for step in steps]
        return expected
    finally:
        await app.close()


def sync_report(server: Server) -> dict[str, Any]:
    answer = httpx.get(
        f"{server.url}/api/v1/portal/sync", headers=bearer(Role.AUDITOR, TODAYS_PROVINCE), timeout=5
    )
    assert answer.status_code == 200, answer.text
    report: dict[str, Any] = answer.json()
    return report


async def test_the_portal_order_survives_kill_9(
    database_url: str, servers: list[Server], tmp_path: Path, fake_portal: FakePortal
) -> None:
    fake_portal.delay_seconds = 0.005
    portal_env = {
        "MOTCUA_PORTAL_URL": fake_portal.url,
        "MOTCUA_PORTAL_USER": USER,
        "MOTCUA_PORTAL_PASSWORD": PASSWORD,
        "MOTCUA_PORTAL_RETRY_SECONDS": "0.1",
    }
    server = Server(database_url, tmp_path, extra_env=portal_env)
    servers.append(server)
    server.start()
    stop = asyncio.Event()
    seed = random.randrange(1_000_000)
    killer = asyncio.to_thread(kill_and_restart, server, KILLS, seed, stop)
    _, tally = await asyncio.gather(killer, run_clerks(server.url, 8, 300, 60.0, stop))
    # Everything committed reaches the portal after the last restart: each dossier's
    # statuses on the portal exactly those its log gives, in order.
    expected = await statuses_from_log(server, fake_portal)
    wanted = {code: runs(statuses) for code, statuses in expected.items()}
    deadline = time.monotonic() + 60
    while (got := {code: fake_portal.accepted(code) for code in wanted}) != wanted:
        differ = {code: (got[code], wanted[code]) for code in wanted if got[code] != wanted[code]}
        assert time.monotonic() < deadline, (differ, fake_portal.violations[:3])
        await asyncio.sleep(0.2)
    while (report := sync_report(server))["synced"] < len(wanted):
        assert time.monotonic() < deadline, report
        await asyncio.sleep(0.2)
    assert (report["synced"], report["pending"], report["failed"]) == (len(wanted), 0, 0)
    assert set(fake_portal.statuses) == set(wanted)
    assert fake_portal.violations == []
    reconcile = await asyncio.to_thread(
        subprocess.run,
        [str(MOTCUA), "portal", "reconcile"],
        env=server.environment(),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert reconcile.returncode == 0, reconcile.stdout + reconcile.stderr
    server.stop()
    steps = sum(len(statuses) for statuses in fake_portal.statuses.values())
    resent = steps - sum(len(statuses) for statuses in expected.values())
    record(
        "portal_kill_9",
        backend=database_url.split(":")[0],
        seed=seed,
        kills=KILLS,
        dossiers=len(wanted),
        steps=steps,
        resent=resent,
        acknowledged=len(tally.acks) if hasattr(tally, "acks") else None,
        unhandled=len(server.unhandled()),
    )
    assert server.unhandled() == []
