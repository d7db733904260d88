"""``kill -9`` of ``motcua serve`` three times while it sends citizens' notices by SMS
(the fake gateway on loopback), on SQLite and PostgreSQL, under eight filing clerks.

Afterwards every notice the log calls for (each receipt and supplement request of a
dossier whose applicant gave a phone, the demo dossiers' decisions and apologies too)
reached the gateway, and each more than once only when a kill fell between the
gateway's acceptance and the notice log's append: counted, as the figure ``twice``."""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from domain.dossiers.dossier import Dossier
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap
from projections.outbound.notices.texts import notice_text
from tests.outbound.fake_notices import NoticeServers, notice_servers
from tests.reliability.figures import record
from tests.reliability.load import run_clerks
from tests.reliability.restarts import kill_and_restart
from tests.reliability.server import MASTER_KEY, Server

pytestmark = pytest.mark.reliability
__all__ = ["notice_servers"]  # the fixture
KILLS = 3


async def texts_from_log(database_url: str) -> Counter[tuple[str, str]]:
    """(phone, text) of every SMS the log calls for."""
    app = await bootstrap(Settings(database_url=database_url, master_key=MASTER_KEY))
    try:
        streams: dict[Any, Any] = {}
        wanted: Counter[tuple[str, str]] = Counter()
        async for recorded in app.store.read_all(0, 1_000_000):
            if not recorded.type.startswith("domain.dossiers.dossier:Dossier."):
                continue
            event = app.dossiers.repository.decode(recorded)
            dossier = streams[recorded.stream_id] = event.mutate(streams.get(recorded.stream_id))
            told = notice_text(event, dossier) if isinstance(dossier, Dossier) else None
            if told is not None and dossier.applicant.phone:
                wanted[(dossier.applicant.phone, told[2])] += 1
        return wanted
    finally:
        await app.close()


async def test_each_notice_goes_after_kill_9(
    database_url: str, servers: list[Server], tmp_path: Path, notice_servers: NoticeServers
) -> None:
    sms = notice_servers.sms
    server = Server(database_url, tmp_path, extra_env={"MOTCUA_SMS_URL": sms.url})
    servers.append(server)
    server.start()
    stop = asyncio.Event()
    seed = random.randrange(1_000_000)
    killer = asyncio.to_thread(kill_and_restart, server, KILLS, seed, stop)
    await asyncio.gather(killer, run_clerks(server.url, 8, 300, 60.0, stop))
    wanted = await texts_from_log(database_url)
    deadline = time.monotonic() + 60
    while set(got := Counter((t["to"], t["text"]) for t in sms.texts)) != set(wanted):
        assert time.monotonic() < deadline, set(wanted) - set(got)
        await asyncio.sleep(0.2)
    server.stop()
    assert all(got[text] >= count for text, count in wanted.items())
    twice = sum(got.values()) - sum(wanted.values())
    record(
        "notices_kill_9",
        backend=database_url.split(":")[0],
        seed=seed,
        kills=KILLS,
        notices=sum(wanted.values()),
        sent=sum(got.values()),
        twice=twice,
    )
    assert twice <= KILLS  # at most the notice in flight at each kill
    assert server.unhandled() == []
