"""The broker's relay in the server: with a broker, every dossier filed over HTTP reaches
it and the relay shows among the projections and in the metrics; without one, nothing
is published and nothing is reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.memory.publisher import InMemoryPublisher
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap
from tests.contract.conftest import Opener, Storage
from tests.e2e.api import E2E, SECRET, bearer, file, serving
from tests.e2e.conftest import personal_data_on, views_on
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM

pytestmark = E2E


async def test_with_a_broker_every_filed_event_is_published_and_the_relay_reported(
    open_store: Opener, storage: Storage, tmp_path: Path
) -> None:
    broker = InMemoryPublisher()
    app = await bootstrap(
        Settings(jwt_secret=SECRET, read_wait_seconds=30),
        store=await open_store(),
        clock=FixedClock(APP_MONDAY_9AM),
        calendar=APP_CALENDAR,
        views=await views_on(storage),
        personal_data=await personal_data_on(storage, tmp_path / "erasures.log"),
        broker=broker,
    )
    try:
        async with serving(app) as client:
            filed = [await file(client) for _ in range(3)]

            # submitted + received per dossier, each in one append
            # (after the unit registry's events, recorded at the first start)
            def of_dossiers() -> list[Any]:
                return [m for m in broker.received if m.routing_key.startswith("dossier.")]

            await broker.wait_until(lambda: len(of_dossiers()) >= 6)
            bodies = [json.loads(message.body) for message in of_dossiers()]
            assert {body["subject"] for body in bodies} == {d["id"] for d in filed}
            assert [m.routing_key for m in of_dossiers()[:2]] == [
                "dossier.submitted.02644",
                "dossier.received.02644",
            ]
            admin = bearer(Role.ADMIN, "10")
            status = await client.get("/api/v1/admin/projections", headers=admin)
            relay = next(p for p in status.json()["items"] if p["name"] == "broker")
            assert relay["state"] in ("live", "catching_up")
            metrics = (await client.get("/metrics", headers=admin)).text
            assert 'motcua_projection_position{projection="broker"}' in metrics
    finally:
        await app.close()


async def test_without_a_broker_nothing_is_published_nor_reported(
    client: httpx.AsyncClient,
) -> None:
    await file(client)
    admin = bearer(Role.ADMIN, "10")
    status = await client.get("/api/v1/admin/projections", headers=admin)
    assert status.status_code == 200
    assert "broker" not in {p["name"] for p in status.json()["items"]}
