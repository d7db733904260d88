"""Webhooks end to end, over HTTP, on SQLite and PostgreSQL: an admin subscribes a
receiver on loopback (allowed by MOTCUA_WEBHOOK_ALLOW), dossiers are filed, and the
receiver gets each published event as a CloudEvent signed per Standard Webhooks."""

from __future__ import annotations

import asyncio
import base64
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import httpx
import pytest

from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.outbound.receiver import Received, receiving

pytestmark = E2E

SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(bytes(range(100, 132))).decode()
ADMIN = bearer(Role.ADMIN)
FAST_RETRIES = {"webhook_retry_seconds": 0.02, "webhook_max_retry_seconds": 0.1}


@pytest.fixture
async def app(open_app: AppOpener) -> App:
    return await open_app(webhook_allow="127.0.0.1", webhook_attempts=5, **FAST_RETRIES)


@pytest.fixture
async def client(app: App) -> AsyncIterator[httpx.AsyncClient]:
    async with serving(app) as client:
        yield client


async def subscribe(
    client: httpx.AsyncClient, url: str, secret: str = SECRET, **filters: Any
) -> str:
    answer = await client.post(
        "/api/v1/subscriptions", json={"url": url, "secret": secret, **filters}, headers=ADMIN
    )
    assert answer.status_code == 201, answer.text
    assert set(answer.json()) == {"id"}  # the secret is never answered
    subscription: str = answer.json()["id"]
    return subscription


async def deliveries(client: httpx.AsyncClient, subscription: str, **query: Any) -> dict[str, Any]:
    answer = await client.get(
        f"/api/v1/subscriptions/{subscription}/deliveries", params=query, headers=ADMIN
    )
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def settled(client: httpx.AsyncClient, subscription: str, position: int) -> None:
    """Wait until the subscription's position has passed ``position`` (a replay never
    moves it forward past events not settled yet)."""
    for _ in range(500):
        if (await deliveries(client, subscription))["position"] >= position:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the subscription never passed {position}")


def versions_per_dossier(received: list[Received]) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = defaultdict(list)
    for delivery in received:
        seen[delivery.event["subject"]].append(delivery.event["streamversion"])
    return seen


async def test_a_receiver_failing_three_times_gets_the_fourth_attempt_signed(
    client: httpx.AsyncClient,
) -> None:
    async with receiving(fail_first=3) as receiver:
        subscription = await subscribe(client, receiver.url)
        dossier = await file(client)
        first, second = await receiver.wait_for(2)

    # The subscriber checks each delivery as the spec says: signature, id and timestamp.
    submitted, received = first.verified(SECRET), second.verified(SECRET)
    assert submitted["type"] == "vn.gov.motcua.dossier.submitted"
    assert received["type"] == "vn.gov.motcua.dossier.received"
    assert submitted["subject"] == received["subject"] == dossier["id"]
    assert first.headers["webhook-id"] == submitted["id"]
    assert first.headers["content-type"].startswith("application/cloudevents+json")
    assert "Nguyễn" not in first.body.decode()  # no personal data leaves
    # Four attempts of the first event, each with its id; the same event every time.
    assert [r.headers["webhook-id"] for r in receiver.requests[:4]] == [submitted["id"]] * 4
    with pytest.raises(Exception, match="signature"):
        first.verified(OTHER_SECRET)

    log = (await deliveries(client, subscription))["items"]
    attempts = [(d["type"], d["attempt"], d["outcome"], d["status"]) for d in reversed(log)]
    assert attempts == [
        ("vn.gov.motcua.dossier.submitted", 1, "failed", 503),
        ("vn.gov.motcua.dossier.submitted", 2, "failed", 503),
        ("vn.gov.motcua.dossier.submitted", 3, "failed", 503),
        ("vn.gov.motcua.dossier.submitted", 4, "delivered", 204),
        ("vn.gov.motcua.dossier.received", 1, "delivered", 204),
    ]


async def test_a_dead_subscriber_delays_neither_filings_nor_another_subscriber(
    open_app: AppOpener,
) -> None:
    # The dead one is retried for long: many attempts, a second apart at least.
    app = await open_app(webhook_allow="127.0.0.1", webhook_attempts=50, webhook_retry_seconds=1.0)
    async with (
        serving(app) as client,
        receiving(always_fail=True) as dead,
        receiving() as alive,
    ):
        await subscribe(client, dead.url)
        await subscribe(client, alive.url, OTHER_SECRET)
        started = time.monotonic()
        dossiers = [await file(client) for _ in range(4)]
        filing_seconds = time.monotonic() - started
        delivered = await alive.wait_for(8, within=10)

        assert filing_seconds < 5, filing_seconds
        assert {d.verified(OTHER_SECRET)["subject"] for d in delivered} == {
            d["id"] for d in dossiers
        }
        for _ in range(500):  # it is tried too (and failing) meanwhile
            if dead.requests:
                break
            await asyncio.sleep(0.02)
        assert dead.requests and not dead.acknowledged


async def test_each_dossier_s_events_arrive_in_order(
    open_app: AppOpener,
) -> None:
    app = await open_app(webhook_allow="127.0.0.1", webhook_attempts=20, **FAST_RETRIES)
    async with serving(app) as client, receiving(fail_first=5) as receiver:
        await subscribe(client, receiver.url)
        for _ in range(5):
            await file(client)
        received = await receiver.wait_for(10)

    per_dossier = versions_per_dossier(received)
    assert len(per_dossier) == 5
    assert all(versions == sorted(versions) for versions in per_dossier.values()), per_dossier


async def test_types_and_units_filter_what_is_delivered(client: httpx.AsyncClient) -> None:
    async with receiving() as receiver:
        await subscribe(client, receiver.url, types=["vn.gov.motcua.dossier.received"])
        await file(client)
        await file(client)
        received = await receiver.wait_for(2)
        await asyncio.sleep(0.3)

    assert [r.event["type"] for r in receiver.acknowledged] == [
        "vn.gov.motcua.dossier.received"
    ] * 2
    assert len(received) == 2


async def test_replay_delivers_again_from_a_position(client: httpx.AsyncClient) -> None:
    async with receiving() as receiver:
        subscription = await subscribe(client, receiver.url)
        await file(client)
        await file(client)
        first_round = sorted(await receiver.wait_for(4), key=lambda r: r.event["position"])
        after = first_round[1].event["position"]  # the first dossier's received event
        await settled(client, subscription, first_round[-1].event["position"])

        answer = await client.post(
            f"/api/v1/subscriptions/{subscription}/replay", json={"after": after}, headers=ADMIN
        )
        assert answer.status_code == 202, answer.text
        again = (await receiver.wait_for(6))[4:]

    # The second dossier's two events again, same ids (a subscriber drops duplicates).
    assert [r.headers["webhook-id"] for r in again] == [
        r.headers["webhook-id"] for r in first_round[2:]
    ]  # in order: they are one dossier's
    await settled(client, subscription, first_round[-1].event["position"])
    assert (await deliveries(client, subscription))["relay"] in ("live", "catching_up")


async def test_after_the_last_attempt_an_event_is_dead_lettered_and_the_next_goes_on(
    open_app: AppOpener,
) -> None:
    app = await open_app(webhook_allow="127.0.0.1", webhook_attempts=3, **FAST_RETRIES)
    async with serving(app) as client, receiving(fail_first=3) as receiver:
        subscription = await subscribe(client, receiver.url)
        dossier = await file(client)
        (received,) = await receiver.wait_for(1)

        dead = (await deliveries(client, subscription, outcome="dead"))["items"]
        assert [(d["type"], d["attempt"], d["subject"]) for d in dead] == [
            ("vn.gov.motcua.dossier.submitted", 3, dossier["id"])
        ]
        assert received.event["type"] == "vn.gov.motcua.dossier.received"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.2:8080/hook",  # loopback, but not the allowed address
        "http://10.1.2.3/hook",  # private
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data",  # link-local: cloud metadata
        "http://[::1]/hook",
        "http://[::ffff:10.0.0.1]/hook",  # private, IPv4-mapped
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",  # multicast
        "http://100.64.0.1/hook",  # shared address space (carrier NAT)
        "http://admin:pw@203.0.113.9/hook",  # credentials would be stored in the clear
    ],
)
async def test_loopback_private_and_reserved_destinations_are_refused(
    client: httpx.AsyncClient, url: str
) -> None:
    answer = await client.post(
        "/api/v1/subscriptions", json={"url": url, "secret": SECRET}, headers=ADMIN
    )
    assert answer.status_code == 422, answer.text
    assert "url" in answer.text


async def test_subscribing_is_for_admins_with_a_standard_secret(
    client: httpx.AsyncClient,
) -> None:
    body = {"url": "http://127.0.0.1:9/hook", "secret": SECRET}
    answer = await client.post("/api/v1/subscriptions", json=body, headers=bearer(Role.CLERK))
    assert answer.status_code == 403
    for secret in ("not-a-secret", "whsec_" + base64.b64encode(b"short").decode()):
        answer = await client.post(
            "/api/v1/subscriptions", json={**body, "secret": secret}, headers=ADMIN
        )
        assert answer.status_code == 422 and "secret" in answer.text, answer.text
    answer = await client.post(
        "/api/v1/subscriptions", json={**body, "types": ["vn.gov.motcua.nope"]}, headers=ADMIN
    )
    assert answer.status_code == 422 and "types" in answer.text, answer.text


async def test_the_secret_is_kept_sealed(client: httpx.AsyncClient, app: App) -> None:
    subscription = await subscribe(client, "http://127.0.0.1:9/hook")
    stored = b"".join(e.payload for e in await app.store.read_stream(UUID(subscription)))
    assert SECRET.encode() not in stored
    assert SECRET.removeprefix("whsec_").encode() not in stored


async def test_a_destination_no_longer_allowed_is_refused_at_delivery(
    open_app: AppOpener,
) -> None:
    # Subscribed while loopback was allowed; the server restarts without the allowance.
    app = await open_app(webhook_allow="127.0.0.1", **FAST_RETRIES)
    async with receiving() as receiver:
        async with serving(app) as client:
            subscription = await subscribe(client, receiver.url)
        restarted = await open_app(**FAST_RETRIES)
        async with serving(restarted) as client:
            await file(client)
            for _ in range(500):
                dead = (await deliveries(client, subscription, outcome="dead"))["items"]
                if len(dead) == 2:
                    break
                await asyncio.sleep(0.02)

    assert receiver.requests == []  # nothing was sent
    assert [(d["attempt"], d["status"]) for d in dead] == [(1, None), (1, None)]
    assert all("destination refused: 127.0.0.1" in d["error"] for d in dead)
