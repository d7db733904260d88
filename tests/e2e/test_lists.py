"""Staff lists: searching the dossiers in scope, and each role's inbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import BIRTH, CITY, KIM_TAN, PROVINCE

pytestmark = E2E


async def codes(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> list[str]:
    answer = await client.get(url, headers=headers)
    assert answer.status_code == 200, answer.text
    return [item["code"] for item in answer.json()["items"]]


async def test_search_filters_within_scope_newest_first(client: httpx.AsyncClient) -> None:
    mai = await file(client)
    hung = await file(
        client,
        procedure_code=BIRTH,
        applicant={"full_name": "Trần Văn Hùng", "citizen_id": "012345678901"},
    )
    elsewhere = await file(client, unit=KIM_TAN)
    clerk = bearer(Role.CLERK)

    assert await codes(client, "/api/v1/dossiers", clerk) == [hung["code"], mai["code"]]
    assert await codes(client, "/api/v1/dossiers?q=hÙNG", clerk) == [hung["code"]]
    assert await codes(client, f"/api/v1/dossiers?q={mai['code'][-4:]}", clerk) == [mai["code"]]
    assert await codes(client, f"/api/v1/dossiers?procedure={BIRTH}", clerk) == [hung["code"]]
    await act(client, hung, "withdraw", {"reason": "rút"}, Role.CLERK)
    assert await codes(client, "/api/v1/dossiers?status=withdrawn", clerk) == [hung["code"]]
    province = bearer(Role.AUDITOR, PROVINCE)
    assert len(await codes(client, "/api/v1/dossiers", province)) == 3
    assert await codes(client, "/api/v1/dossiers", bearer(Role.CLERK, KIM_TAN)) == [
        elsewhere["code"]
    ]


async def test_pages_follow_the_cursor(client: httpx.AsyncClient) -> None:
    filed = [await file(client) for _ in range(5)]
    clerk, seen, url = bearer(Role.CLERK), [], "/api/v1/dossiers?limit=2"
    while url:
        page: dict[str, Any] = (await client.get(url, headers=clerk)).json()
        assert len(page["items"]) <= 2
        seen += [item["code"] for item in page["items"]]
        cursor = page["next_cursor"]
        url = f"/api/v1/dossiers?limit=2&cursor={cursor}" if cursor else ""
    assert seen == [receipt["code"] for receipt in reversed(filed)]

    for wrong in ("limit=0", "limit=101", "cursor=bm90LWEtY3Vyc29y", "status=lost", "q="):
        answer = await client.get(f"/api/v1/dossiers?{wrong}", headers=clerk)
        assert answer.status_code == 422, wrong
        assert answer.json()["errors"][0]["field"] == wrong.split("=")[0]


async def test_each_role_finds_in_its_inbox_what_awaits_it(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    merit = await file(client)
    clock.advance(timedelta(hours=1))
    birth = await file(client, procedure_code=BIRTH)

    # At the commune: the clerk and the specialist see both, earliest due date first; the
    # commune's leader only the birth registration, which the commune decides.
    inbox = "/api/v1/inbox"
    assert await codes(client, inbox, bearer(Role.CLERK)) == [birth["code"], merit["code"]]
    assert await codes(client, inbox, bearer(Role.SPECIALIST)) == [birth["code"], merit["code"]]
    assert await codes(client, inbox, bearer(Role.LEADER)) == [birth["code"]]

    # Forwarded to the city, the merit dossier waits for the city's specialist, not its leader.
    await act(client, merit, "transfer", {"to_unit": CITY}, Role.CLERK)
    assert await codes(client, inbox, bearer(Role.CLERK)) == [birth["code"]]
    assert await codes(client, inbox, bearer(Role.SPECIALIST, CITY)) == [merit["code"]]
    assert await codes(client, inbox, bearer(Role.LEADER, CITY)) == []
    await act(client, merit, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    assert await codes(client, inbox, bearer(Role.LEADER, PROVINCE)) == [merit["code"]]

    # The birth registration was due the same day: the next morning it is overdue.
    clock.advance(timedelta(days=1))
    clerk = bearer(Role.CLERK)
    assert await codes(client, f"{inbox}?overdue=true", clerk) == [birth["code"]]
    assert await codes(client, f"{inbox}?overdue=false", clerk) == []
    assert await codes(client, inbox, bearer(Role.AUDITOR)) == []
