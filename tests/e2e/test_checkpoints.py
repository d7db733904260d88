"""The anchored chain: a signed checkpoint of the log's head, on demand and on the feed,
catches what the hash chain alone cannot: a log cut short at its end, and a log
rewritten whole with every hash recomputed."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import httpx

from application.audit.ports import Checkpoint
from application.chain import GENESIS, stored_event_hash, verify_chain
from domain.shared import Role
from interfaces.bootstrap import App
from tests.contract.conftest import Storage
from tests.contract.test_hash_chain import ALTER_ONE_BYTE, tamper
from tests.e2e.api import E2E, bearer, file
from tests.examples import COC_LEU, PROVINCE

pytestmark = E2E
AUDITOR = bearer(Role.AUDITOR, PROVINCE)


async def signed(client: httpx.AsyncClient) -> dict[str, Any]:
    answer = await client.post("/api/v1/audit/checkpoints", headers=AUDITOR)
    assert answer.status_code == 201, answer.text
    checkpoint: dict[str, Any] = answer.json()
    return checkpoint


async def signed_after_three_dossiers(client: httpx.AsyncClient) -> dict[str, Any]:
    for _ in range(3):
        await file(client)
    return await signed(client)


async def verify(client: httpx.AsyncClient) -> dict[str, Any]:
    answer = await client.get("/api/v1/audit/verify", headers=AUDITOR)
    assert answer.status_code == 200
    report: dict[str, Any] = answer.json()
    return report


async def rehash_from(app: App, storage: Storage, first: int) -> None:
    """Recompute every stored hash from ``first`` on, as an intruder who rewrote the log
    whole would: the chain then holds together again."""
    events = [e async for e in app.store.read_all()]
    previous = GENESIS if first == 1 else events[first - 2].hash
    literal = "X'{}'" if storage.backend == "sqlite" else "'\\x{}'::bytea"
    updates = []
    for recorded in events[first - 1 :]:
        previous = stored_event_hash(previous, recorded)
        value = literal.format(previous.hex())
        updates.append(f"UPDATE events SET hash = {value} WHERE position = {recorded.position};")
    await asyncio.to_thread(tamper, storage, "".join(updates))


async def test_a_checkpoint_is_signed_on_demand_and_every_feed_reader_gets_it(
    app: App, client: httpx.AsyncClient
) -> None:
    for _ in range(2):
        await file(client)
    head = await app.store.last_position()
    checkpoint = await signed(client)
    assert checkpoint["position"] == head and len(checkpoint["chain_hash"]) == 64
    # Nothing new since: the same checkpoint again, not one more event.
    assert await signed(client) == checkpoint
    assert await app.store.last_position() == head + 1
    clerk = await client.post("/api/v1/audit/checkpoints", headers=bearer(Role.CLERK))
    assert clerk.status_code == 403

    await app.projections.wait_for()
    machine = bearer(Role.INTEGRATION, COC_LEU)  # a commune's client sees it too
    page = await client.get("/api/v1/events?type=vn.gov.motcua.audit.checkpointed", headers=machine)
    assert [item["data"] for item in page.json()["items"]] == [checkpoint]
    assert await verify(client) == {
        "ok": True,
        "events_checked": head + 1,
        "first_bad": None,
        "problem": None,
    }


async def test_a_log_cut_short_at_its_end_is_caught_by_the_checkpoint(
    app: App, client: httpx.AsyncClient, storage: Storage
) -> None:
    checkpoint = await signed_after_three_dossiers(client)
    await asyncio.to_thread(
        tamper, storage, f"DELETE FROM events WHERE position > {checkpoint['position'] - 2}"
    )
    # The chain alone finds nothing wrong: what is left still holds together.
    assert (await verify_chain(app.store)).ok
    report = await verify(client)
    assert report["ok"] is False and report["events_checked"] == checkpoint["position"] - 2
    assert "short of the checkpoint" in report["problem"]


async def test_a_log_rewritten_whole_is_caught_by_the_checkpoint_and_a_forged_one_refused(
    app: App, client: httpx.AsyncClient, storage: Storage
) -> None:
    checkpoint = await signed_after_three_dossiers(client)
    await asyncio.to_thread(tamper, storage, ALTER_ONE_BYTE[storage.backend])  # event 4
    await rehash_from(app, storage, 4)
    assert (await verify_chain(app.store)).ok  # rewritten whole: the chain holds
    report = await verify(client)
    assert report["ok"] is False and report["first_bad"] == checkpoint["position"]
    assert "differs from its signed checkpoint" in report["problem"]

    # A checkpoint handed in that this server's key did not sign is reported, not trusted.
    forged = Checkpoint.from_json({**checkpoint, "position": 2})
    report = asdict(await app.verify_chain([forged]))
    assert report["ok"] is False and "not signed by this key" in report["problem"]
