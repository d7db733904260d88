"""The citizen's side: online filing, following a dossier by code and secret, acting on it."""

from __future__ import annotations

from datetime import timedelta

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.e2e.api import BODY, E2E, act, bearer, client_of, file, running
from tests.examples import BIRTH, COC_LEU

pytestmark = E2E
ONLINE = {key: BODY[key] for key in ("procedure_code", "applicant", "documents")}


def public(code: str, action: str = "") -> str:
    return f"/api/v1/public/dossiers/{code}" + (f"/{action}" if action else "")


async def test_an_online_submission_waits_for_the_desk_and_is_received_there(
    client: httpx.AsyncClient,
) -> None:
    submitted = await client.post(
        "/api/v1/public/dossiers", json={**ONLINE, "receiving_unit": COC_LEU}
    )
    assert submitted.status_code == 201, submitted.text
    receipt = submitted.json()
    assert receipt["status"] == "submitted" and receipt["receiving_unit"] == COC_LEU
    assert receipt["code"].startswith(f"{COC_LEU}-210111-") and receipt["lookup_secret"]

    inbox = await client.get("/api/v1/inbox?status=submitted", headers=bearer(Role.CLERK))
    [waiting] = inbox.json()["items"]
    received = await act(client, waiting, "receive", {}, Role.CLERK)
    assert received.status_code == 200
    assert received.json()["status"] == "in_processing" and received.json()["due_date"]


async def test_a_clerk_refuses_an_incomplete_online_submission_at_intake(
    client: httpx.AsyncClient,
) -> None:
    submitted = await client.post(
        "/api/v1/public/dossiers", json={**ONLINE, "receiving_unit": COC_LEU}
    )
    search = await client.get("/api/v1/dossiers", headers=bearer(Role.CLERK))
    [dossier] = search.json()["items"]
    refused = await act(client, dossier, "refuse-intake", {"reason": "Thiếu tờ khai"}, Role.CLERK)
    assert refused.json()["status"] == "intake_refused"
    status = await client.get(
        public(submitted.json()["code"]), params={"secret": submitted.json()["lookup_secret"]}
    )
    assert status.json()["status"] == "intake_refused"


async def test_an_online_submission_needs_a_real_unit(client: httpx.AsyncClient) -> None:
    answer = await client.post("/api/v1/public/dossiers", json={**ONLINE, "receiving_unit": "999"})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["receiving_unit"]


async def test_the_citizen_withdraws_supplements_and_rates_with_the_secret(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client, procedure_code=BIRTH)
    code, secret = receipt["code"], {"secret": receipt["lookup_secret"]}
    await act(
        client, receipt, "request-supplement", {"reason": "x", "documents": ["y"]}, Role.CLERK
    )
    supplemented = await client.post(
        public(code, "supplement"), params=secret, json={"documents": [{"name": "y"}]}
    )
    assert supplemented.status_code == 200
    assert supplemented.json() == {
        "code": code,
        "status": "in_processing",
        "due_date": receipt["due_date"],
        "version": 4,
    }
    assert supplemented.headers["ETag"] == '"4"'
    too_early = await client.post(public(code, "rate"), params=secret, json={"rating": "satisfied"})
    assert too_early.status_code == 409

    await act(client, receipt, "approve", {"result": {"số": "5/2027"}}, Role.LEADER)
    await act(client, receipt, "return-result", {"channel": "desk"}, Role.CLERK)
    rated = await client.post(
        public(code, "rate"), params=secret, json={"rating": "satisfied", "comment": "Nhanh"}
    )
    assert rated.status_code == 200

    other = await file(client)
    withdrawn = await client.post(
        public(other["code"], "withdraw"),
        params={"secret": other["lookup_secret"]},
        json={"reason": "Không cần nữa"},
    )
    assert withdrawn.json()["status"] == "withdrawn"


async def test_a_wrong_secret_and_an_unknown_code_get_the_same_404(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    wrong_secret = await client.get(public(receipt["code"]), params={"secret": "AAAAAAAAAA"})
    unknown_code = await client.get(public("02644-210111-9999"), params={"secret": "AAAAAAAAAA"})
    assert wrong_secret.status_code == unknown_code.status_code == 404
    assert wrong_secret.content == unknown_code.content
    acting = await client.post(
        public(receipt["code"], "withdraw"), params={"secret": "AAAAAAAAAA"}, json={"reason": "x"}
    )
    assert acting.status_code == 404 and acting.content == unknown_code.content


async def test_repeated_wrong_guesses_are_slowed_down(app: App, clock: FixedClock) -> None:
    async with running(app) as asgi, client_of(asgi) as client:
        receipt = await file(client)
        code, right = receipt["code"], {"secret": receipt["lookup_secret"]}
        for _ in range(10):
            guess = await client.get(public(code), params={"secret": "WRONGWRONG"})
            assert guess.status_code == 404
        blocked = await client.get(public(code), params=right)
        assert blocked.status_code == 429
        assert blocked.json()["type"] == "/problems/rate-limited"
        assert 0 < int(blocked.headers["Retry-After"]) <= 300

        # Other addresses may still look the code up, until it has had 20 misses in all.
        async with client_of(asgi, "198.51.100.20") as neighbour:
            assert (await neighbour.get(public(code), params=right)).status_code == 200
            for _ in range(10):
                await neighbour.get(public(code), params={"secret": "WRONGWRONG"})
        async with client_of(asgi, "198.51.100.21") as third:
            assert (await third.get(public(code), params=right)).status_code == 429
            other = await file(client)
            assert (await third.get(public(other["code"]), params=right)).status_code == 404

        # The window slides: five minutes later the code and the address are free again.
        clock.advance(timedelta(minutes=5, seconds=1))
        assert (await client.get(public(code), params=right)).status_code == 200
