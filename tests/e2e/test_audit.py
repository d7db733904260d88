"""Auditors: the global event log in commit order, in scope; and the hash chain's check,
which finds an event altered behind the store's back."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from domain.shared import Role
from interfaces.bootstrap import App
from tests.contract.conftest import Storage
from tests.contract.test_hash_chain import ALTER_ONE_BYTE, tamper
from tests.e2e.api import E2E, bearer, every_page, file, three_dossiers_across_the_province
from tests.examples import BAT_XAT, CITY, COC_LEU, KIM_TAN, PROVINCE

pytestmark = E2E


async def log(client: httpx.AsyncClient, unit: str) -> list[dict[str, Any]]:
    """The whole log as ``unit``'s auditor pages through it."""
    return await every_page(client, "/api/v1/audit/events", bearer(Role.AUDITOR, unit))


async def test_auditors_read_the_log_in_commit_order_within_their_subtree(
    app: App, client: httpx.AsyncClient
) -> None:
    mai, kim_tan, far = await three_dossiers_across_the_province(app, client)
    last = await app.store.last_position()

    everything = await log(client, PROVINCE)
    assert [item["position"] for item in everything] == list(range(1, last + 1))
    by_stream = {item["stream_id"]: item for item in everything}
    assert {mai["id"], kim_tan["id"], far["id"]} <= by_stream.keys()
    transfer = next(item for item in everything if item["type"] == "Transferred")
    assert transfer["stream_type"] == "Dossier" and transfer["stream_id"] == mai["id"]
    assert transfer["actor"] == {"sub": f"clerk@{COC_LEU}", "role": "clerk", "unit": COC_LEU}
    assert transfer["data"]["to_unit"] == CITY and transfer["version"] == 3

    def dossiers(items: list[dict[str, Any]]) -> set[str]:
        return {item["stream_id"] for item in items if item["stream_type"] == "Dossier"}

    city = await log(client, CITY)
    assert dossiers(city) == {mai["id"], kim_tan["id"]}
    assert [item["position"] for item in city] == sorted(item["position"] for item in city)
    assert dossiers(await log(client, COC_LEU)) == {mai["id"]}
    assert dossiers(await log(client, KIM_TAN)) == {kim_tan["id"]}
    assert dossiers(await log(client, BAT_XAT)) == {far["id"]}

    for role in (Role.CLERK, Role.LEADER, Role.ADMIN):
        answer = await client.get("/api/v1/audit/events", headers=bearer(role, PROVINCE))
        assert answer.status_code == 403, role
    for wrong in ("after=-1", "limit=0", "limit=1001", "after=x"):
        answer = await client.get(f"/api/v1/audit/events?{wrong}", headers=bearer(Role.AUDITOR))
        assert answer.status_code == 422, wrong


async def test_verify_finds_an_event_altered_in_the_database(
    app: App, client: httpx.AsyncClient, storage: Storage
) -> None:
    for _ in range(3):
        await file(client)
    last = await app.store.last_position()
    assert last >= 5
    auditor = bearer(Role.AUDITOR, PROVINCE)
    untouched = await client.get("/api/v1/audit/verify", headers=auditor)
    assert untouched.json() == {
        "ok": True,
        "events_checked": last,
        "first_bad": None,
        "problem": None,
    }
    assert (await client.get("/api/v1/audit/verify", headers=bearer(Role.ADMIN))).status_code == 403

    # Event 4's payload, one byte; from a thread, so that the projections' transactions on
    # the same database may finish meanwhile.
    await asyncio.to_thread(tamper, storage, ALTER_ONE_BYTE[storage.backend])
    altered = await client.get("/api/v1/audit/verify", headers=auditor)
    assert altered.status_code == 200
    assert altered.json() == {
        "ok": False,
        "events_checked": 3,
        "first_bad": 4,
        "problem": "event 4 was altered",
    }
