"""Staff lists, answered by the read models: searching the dossiers in scope, and each
role's inbox. Each test waits for the projections to include every write before it
reads, except the one about reading one's own writes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import BIRTH, CITY, KIM_TAN, PROVINCE

pytestmark = E2E
DANG = {"full_name": "Đặng Văn Hùng", "citizen_id": "012345678901"}


async def codes(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> list[str]:
    answer = await client.get(url, headers=headers)
    assert answer.status_code == 200, answer.text
    return [item["code"] for item in answer.json()["items"]]


async def every_page(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> list[Any]:
    """The pages of ``url`` (which has a query already), following the cursors."""
    pages, cursor = [], ""
    while True:
        page = (await client.get(f"{url}{cursor}", headers=headers)).json()
        pages.append([item["code"] for item in page["items"]])
        if page["next_cursor"] is None:
            return pages
        cursor = f"&cursor={page['next_cursor']}"


async def test_search_filters_within_scope_newest_first(
    app: App, client: httpx.AsyncClient
) -> None:
    mai = await file(client)
    hung = await file(client, procedure_code=BIRTH, applicant=DANG)
    elsewhere = await file(client, unit=KIM_TAN)
    await app.projections.wait_for()
    clerk = bearer(Role.CLERK)

    assert await codes(client, "/api/v1/dossiers", clerk) == [hung["code"], mai["code"]]
    assert await codes(client, f"/api/v1/dossiers?q={mai['code'][-4:]}", clerk) == [mai["code"]]
    assert await codes(client, f"/api/v1/dossiers?procedure={BIRTH}", clerk) == [hung["code"]]
    await act(client, hung, "withdraw", {"reason": "rút"}, Role.CLERK)
    await app.projections.wait_for()
    assert await codes(client, "/api/v1/dossiers?status=withdrawn", clerk) == [hung["code"]]
    assert await codes(client, "/api/v1/dossiers?status=in_processing", clerk) == [mai["code"]]
    province = bearer(Role.AUDITOR, PROVINCE)
    assert len(await codes(client, "/api/v1/dossiers", province)) == 3
    assert await codes(client, "/api/v1/dossiers", bearer(Role.CLERK, KIM_TAN)) == [
        elsewhere["code"]
    ]


async def test_text_is_found_with_or_without_diacritics(
    app: App, client: httpx.AsyncClient
) -> None:
    mai = await file(client)  # Nguyễn Thị Mai
    hung = await file(client, applicant=DANG)
    await app.projections.wait_for()
    clerk = bearer(Role.CLERK)
    for typed, found in [
        ("Nguyễn", [mai]),
        ("nguyen thi", [mai]),
        ("NGUYỄN", [mai]),
        ("Đặng", [hung]),
        ("dang van", [hung]),  # đ is typed as d
        ("hÙNG", [hung]),
        ("văn", [hung]),
        ("hung mai", []),  # no match across two names
        ("Trần", []),
    ]:
        url = f"/api/v1/dossiers?q={typed}"
        assert await codes(client, url, clerk) == [d["code"] for d in found], typed


async def test_pages_follow_the_cursor_and_never_leave_the_scope(
    app: App, client: httpx.AsyncClient
) -> None:
    kim_tan = [await file(client, unit=KIM_TAN) for _ in range(2)]
    filed = [await file(client) for _ in range(5)]
    await app.projections.wait_for()
    clerk = bearer(Role.CLERK)

    pages = await every_page(client, "/api/v1/dossiers?limit=2", clerk)
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [code for page in pages for code in page] == [r["code"] for r in reversed(filed)]
    inbox = await every_page(client, "/api/v1/inbox?limit=2", clerk)
    assert sorted(code for page in inbox for code in page) == sorted(r["code"] for r in filed)

    # Kim Tân's clerk replaying Cốc Lếu's cursor sees Kim Tân's (older) dossiers, no others.
    cursor = (await client.get("/api/v1/dossiers?limit=1", headers=clerk)).json()["next_cursor"]
    theirs = await codes(client, f"/api/v1/dossiers?cursor={cursor}", bearer(Role.CLERK, KIM_TAN))
    assert theirs == [receipt["code"] for receipt in reversed(kim_tan)]
    found = await client.get("/api/v1/dossiers?q=nguyen", headers=bearer(Role.CLERK, KIM_TAN))
    assert {item["receiving_unit"] for item in found.json()["items"]} == {KIM_TAN}

    for wrong in ("limit=0", "limit=101", "cursor=bm90LWEtY3Vyc29y", "status=lost", "q="):
        answer = await client.get(f"/api/v1/dossiers?{wrong}", headers=clerk)
        assert answer.status_code == 422, wrong
        assert answer.json()["errors"][0]["field"] == wrong.split("=")[0]
    bad_cursor = await client.get("/api/v1/inbox?cursor=WyJ4Il0", headers=clerk)  # ["x"]
    assert bad_cursor.status_code == 422 and bad_cursor.json()["errors"][0]["field"] == "cursor"


async def test_each_role_finds_in_its_inbox_what_awaits_it(
    app: App, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    merit = await file(client)
    clock.advance(timedelta(hours=1))
    birth = await file(client, procedure_code=BIRTH)
    await app.projections.wait_for()

    # At the commune: the clerk and the specialist see both, earliest due date first; the
    # commune's leader only the birth registration, which the commune decides.
    inbox = "/api/v1/inbox"
    assert await codes(client, inbox, bearer(Role.CLERK)) == [birth["code"], merit["code"]]
    assert await codes(client, inbox, bearer(Role.SPECIALIST)) == [birth["code"], merit["code"]]
    assert await codes(client, inbox, bearer(Role.LEADER)) == [birth["code"]]

    # Forwarded to the city, the merit dossier waits for the city's specialist, not its leader.
    await act(client, merit, "transfer", {"to_unit": CITY}, Role.CLERK)
    await app.projections.wait_for()
    assert await codes(client, inbox, bearer(Role.CLERK)) == [birth["code"]]
    assert await codes(client, inbox, bearer(Role.SPECIALIST, CITY)) == [merit["code"]]
    assert await codes(client, inbox, bearer(Role.LEADER, CITY)) == []
    await act(client, merit, "transfer", {"to_unit": PROVINCE}, Role.SPECIALIST, CITY)
    await app.projections.wait_for()
    assert await codes(client, inbox, bearer(Role.LEADER, PROVINCE)) == [merit["code"]]

    # The birth registration was due the same day: the next morning it is overdue.
    clock.advance(timedelta(days=1))
    clerk = bearer(Role.CLERK)
    assert await codes(client, f"{inbox}?overdue=true", clerk) == [birth["code"]]
    assert await codes(client, f"{inbox}?overdue=false", clerk) == []
    assert await codes(client, inbox, bearer(Role.AUDITOR)) == []


async def test_a_clerk_sees_at_once_what_was_just_filed(client: httpx.AsyncClient) -> None:
    # No waiting here: the lists wait (briefly) for what was committed before them.
    for _ in range(3):
        receipt = await file(client)
        assert (await codes(client, "/api/v1/inbox", bearer(Role.CLERK)))[-1] == receipt["code"]
        assert (await codes(client, "/api/v1/dossiers", bearer(Role.CLERK)))[0] == receipt["code"]
        await act(client, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
        assert receipt["code"] not in await codes(client, "/api/v1/inbox", bearer(Role.CLERK))
