"""Staff commands over HTTP: each command, versions and If-Match, idempotent retries, races."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.e2e.api import BODY, E2E, act, bearer, file, serving
from tests.examples import BIRTH, CITY, COC_LEU

pytestmark = E2E
_ASK = {"reason": "Thiếu giấy tờ", "documents": ["Bản sao CCCD"]}


async def test_every_answer_carries_the_version_as_etag(client: httpx.AsyncClient) -> None:
    receipt = await file(client)
    read = await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=bearer(Role.CLERK))
    assert read.status_code == 200
    assert read.headers["ETag"] == '"2"' == f'"{read.json()["version"]}"'
    assert read.json() == {k: v for k, v in receipt.items() if k != "lookup_secret"}


async def test_a_leader_refuses_in_writing_and_the_clerk_returns_the_refusal(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client, procedure_code=BIRTH)
    refused = await act(client, receipt, "refuse", {"reason": "Giấy chứng sinh giả"}, Role.LEADER)
    assert refused.status_code == 200
    assert refused.json()["status"] == "refused"
    assert refused.json()["result"] == {"refusal_reason": "Giấy chứng sinh giả"}
    returned = await act(client, receipt, "return-result", {"channel": "post"}, Role.CLERK)
    assert returned.json()["status"] == "result_returned"


async def test_an_apology_sets_a_later_appointment_and_counts_as_late(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    earlier = {"reason": "Cần xác minh", "new_due_date": "2021-02-01"}
    refused = await act(client, receipt, "apologize", earlier, Role.LEADER)
    assert refused.status_code == 409
    assert refused.json()["type"] == "/problems/invalid-transition"
    later = {"reason": "Cần xác minh thêm tại địa phương", "new_due_date": "2021-03-01"}
    apologized = await act(client, receipt, "apologize", later, Role.LEADER)
    assert apologized.status_code == 200
    assert apologized.json()["due_date"] == "2021-03-01"
    assert apologized.json()["late"] is True


async def test_a_clerk_withdraws_on_the_citizens_request_but_not_after_a_decision(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    withdrawn = await act(client, receipt, "withdraw", {"reason": "Công dân rút"}, Role.CLERK)
    assert withdrawn.json()["status"] == "withdrawn"

    decided = await file(client, procedure_code=BIRTH)
    await act(client, decided, "approve", {"result": {"số": "12/2027"}}, Role.LEADER)
    late = await act(client, decided, "withdraw", {"reason": "Muộn"}, Role.CLERK)
    assert late.status_code == 409
    assert late.json()["state"] == "approved"
    assert "approved" in late.json()["detail"]


async def test_a_stale_if_match_is_refused_and_changes_nothing(client: httpx.AsyncClient) -> None:
    receipt = await file(client, procedure_code=BIRTH)
    for stale in ('"1"', "1"):
        refused = await act(
            client, receipt, "withdraw", {"reason": "rút"}, Role.CLERK, headers={"If-Match": stale}
        )
        assert refused.status_code == 412
        assert refused.json()["type"] == "/problems/precondition-failed"
    malformed = await act(
        client, receipt, "withdraw", {"reason": "rút"}, Role.CLERK, headers={"If-Match": "W/x"}
    )
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "If-Match"
    read = await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=bearer(Role.CLERK))
    assert read.json()["version"] == 2 and read.json()["status"] == "in_processing"
    current = await act(
        client, receipt, "withdraw", {"reason": "rút"}, Role.CLERK, headers={"If-Match": '"2"'}
    )
    assert current.status_code == 200 and current.headers["ETag"] == '"3"'


async def test_racing_approvals_apply_once(client: httpx.AsyncClient) -> None:
    receipt = await file(client, procedure_code=BIRTH)
    answers = await asyncio.gather(
        *(act(client, receipt, "approve", {"result": {"n": n}}, Role.LEADER) for n in range(6))
    )
    assert sorted(a.status_code for a in answers) == [200, 409, 409, 409, 409, 409]
    slugs = {a.json()["type"] for a in answers if a.status_code == 409}
    assert slugs <= {"/problems/concurrency-conflict", "/problems/invalid-transition"}
    history = await client.get(
        f"/api/v1/dossiers/{receipt['id']}/history", headers=bearer(Role.CLERK)
    )
    assert [e["type"] for e in history.json()["events"]] == ["Submitted", "Received", "Approved"]


async def test_a_retried_filing_answers_201_with_the_first_body_and_appends_nothing(
    app: App, client: httpx.AsyncClient
) -> None:
    key = {**bearer(Role.CLERK), "Idempotency-Key": "desk-7-0001"}
    first = await client.post("/api/v1/dossiers", json=BODY, headers=key)
    position = await app.store.last_position()
    again = await client.post("/api/v1/dossiers", json=BODY, headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content and again.headers["ETag"] == first.headers["ETag"]
    assert await app.store.last_position() == position

    other = await client.post("/api/v1/dossiers", json={**BODY, "channel": "post"}, headers=key)
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert await app.store.last_position() == position


async def test_a_retried_command_after_a_restart_gets_the_first_answer(
    open_app: Callable[[], Awaitable[App]], clock: FixedClock
) -> None:
    first_app = await open_app()
    async with serving(first_app) as client:
        receipt = await file(client)
        key = {"Idempotency-Key": "supplement-once"}
        first = await act(client, receipt, "request-supplement", _ASK, Role.CLERK, headers=key)
    await first_app.close()

    restarted = await open_app()
    assert isinstance(restarted.clock, FixedClock)
    restarted.clock.set(clock.now() + timedelta(hours=3))
    async with serving(restarted) as client:
        position = await restarted.store.last_position()
        again = await act(client, receipt, "request-supplement", _ASK, Role.CLERK, headers=key)
        assert again.status_code == 200 and again.content == first.content
        assert await restarted.store.last_position() == position


async def test_commands_are_for_the_roles_and_units_the_law_names(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client)
    by_clerk = await act(client, receipt, "approve", {"result": {}}, Role.CLERK)
    assert by_clerk.status_code == 403
    assert by_clerk.json()["type"] == "/problems/forbidden"
    by_leader = await client.post("/api/v1/dossiers", json=BODY, headers=bearer(Role.LEADER))
    assert by_leader.status_code == 403
    # The commune's leader may not approve a dossier the route has the province decide.
    not_here = await act(client, receipt, "approve", {"result": {}}, Role.LEADER, COC_LEU)
    assert not_here.status_code == 409


async def test_history_as_of_shows_the_dossier_as_it_was(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    receipt = await file(client)
    clock.advance(timedelta(hours=2))
    await act(client, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
    history = f"/api/v1/dossiers/{receipt['id']}/history"
    then = await client.get(
        history, params={"as_of": "2021-01-11T10:00:00+07:00"}, headers=bearer(Role.CLERK)
    )
    assert then.status_code == 200, then.text
    assert then.json()["version"] == 2 and then.json()["state"]["current_unit"] == COC_LEU
    naive = await client.get(
        history, params={"as_of": "2021-01-11T10:00:00"}, headers=bearer(Role.CLERK)
    )
    assert naive.status_code == 422 and naive.json()["errors"][0]["field"] == "as_of"
