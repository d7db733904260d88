"""The working calendar over HTTP: trying a change, announcing and withdrawing days off."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx

from domain.clock.announcements import CalendarAnnouncements
from domain.shared import Actor, Role
from infrastructure.clock import FixedClock
from tests.e2e.api import E2E, act, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.examples import BIRTH, PROVINCE

pytestmark = E2E

ADMIN = bearer(Role.ADMIN, PROVINCE)
LEADER = bearer(Role.LEADER)
BASIS = "Quyết định 123/QĐ-UBND ngày 15/01/2021"


async def dossier(client: httpx.AsyncClient, receipt: dict[str, Any]) -> dict[str, Any]:
    answer = await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=bearer(Role.CLERK))
    found: dict[str, Any] = answer.json()
    return found


async def test_a_proposed_day_off_shows_what_would_move_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    # An open dossier of 20 working days and a birth registration settled the same day
    # (Monday 11 January) and returned: a day off on the 11th would have moved both.
    open_ = await file(client)
    closed = await file(client, procedure_code=BIRTH)
    await act(client, closed, "refuse", {"reason": "Giấy chứng sinh giả"}, Role.LEADER)
    await act(client, closed, "return-result", {"channel": "desk"}, Role.CLERK)

    answer = await client.post(
        "/api/v1/calendar/what-if", json={"extra_days_off": ["2021-01-11"]}, headers=LEADER
    )
    assert answer.status_code == 200, answer.text
    items = {item["code"]: item for item in answer.json()["items"]}
    assert items[closed["code"]] == {
        "code": closed["code"],
        "due_date": "2021-01-11",
        "due_date_if": "2021-01-12",
        "late": False,
        "late_if": False,
    }
    assert items[open_["code"]]["due_date"] == open_["due_date"]
    assert items[open_["code"]]["due_date_if"] > open_["due_date"]
    assert (await dossier(client, open_))["due_date"] == open_["due_date"]  # nothing changed

    # A make-up Saturday brings the open one's date a day closer; a day nobody's clock runs
    # over moves nothing.
    saturday = await client.post(
        "/api/v1/calendar/what-if", json={"make_up_days": ["2021-01-16"]}, headers=LEADER
    )
    assert [i["code"] for i in saturday.json()["items"]] == [open_["code"]]
    assert saturday.json()["items"][0]["due_date_if"] < open_["due_date"]
    far = await client.post(
        "/api/v1/calendar/what-if", json={"extra_days_off": ["2021-12-01"]}, headers=LEADER
    )
    assert far.json() == {"items": []}


async def test_announced_days_off_move_open_dossiers_only_and_say_why(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    open_ = await file(client)
    closed = await file(client, procedure_code=BIRTH)
    await act(client, closed, "refuse", {"reason": "Giấy chứng sinh giả"}, Role.LEADER)
    clock.advance(timedelta(days=1))

    announced = await client.post(
        "/api/v1/calendar",
        json={"add_days_off": ["2021-01-11", "2021-01-20"], "legal_basis": BASIS},
        headers=ADMIN,
    )
    assert announced.status_code == 200, announced.text
    assert announced.json()["moved"] == 1
    moved = await dossier(client, open_)
    assert moved["due_date"] > open_["due_date"]
    assert (await dossier(client, closed))["due_date"] == closed["due_date"]
    history = await client.get(
        f"/api/v1/dossiers/{open_['id']}/history", headers=bearer(Role.CLERK)
    )
    last = history.json()["events"][-1]
    assert last["type"] == "DueDateMoved"
    assert last["data"]["legal_basis"] == BASIS

    # Announcing it again moves nothing; withdrawing the days off moves it back.
    again = await client.post(
        "/api/v1/calendar",
        json={"add_days_off": ["2021-01-20"], "legal_basis": BASIS},
        headers=ADMIN,
    )
    assert again.json()["moved"] == 0
    withdrawn = await client.post(
        "/api/v1/calendar",
        json={"remove_days_off": ["2021-01-11", "2021-01-20"], "legal_basis": "Đính chính"},
        headers=ADMIN,
    )
    assert withdrawn.json()["moved"] == 1
    assert (await dossier(client, open_))["due_date"] == open_["due_date"]

    # A dossier received now (Tuesday 12th, declared a day off) counts on the calendar in
    # force: from the next working day.
    await client.post(
        "/api/v1/calendar",
        json={"add_days_off": ["2021-01-12"], "legal_basis": BASIS},
        headers=ADMIN,
    )
    later = await file(client, procedure_code=BIRTH)
    assert later["due_date"] == "2021-01-13"


async def test_only_admins_announce_and_dates_must_lie_in_the_calendars_years(
    client: httpx.AsyncClient,
) -> None:
    body = {"add_days_off": ["2021-01-20"], "legal_basis": BASIS}
    assert (await client.post("/api/v1/calendar", json=body, headers=LEADER)).status_code == 403
    clerk = bearer(Role.CLERK)
    tried = await client.post("/api/v1/calendar/what-if", json={}, headers=clerk)
    assert tried.status_code == 403
    far = {"extra_days_off": ["2021-01-20", "2045-01-02"]}
    refused = await client.post("/api/v1/calendar/what-if", json=far, headers=LEADER)
    assert refused.status_code == 422
    assert "extra_days_off[1]" in refused.text
    late = {"make_up_days": ["1990-01-06"], "legal_basis": BASIS}
    refused = await client.post("/api/v1/calendar", json=late, headers=ADMIN)
    assert refused.status_code == 422
    assert "make_up_days[0]" in refused.text
    empty = await client.post("/api/v1/calendar", json={"legal_basis": BASIS}, headers=ADMIN)
    assert empty.status_code == 422


async def test_a_start_finishes_the_moves_an_interrupted_announcement_left(
    open_app: AppOpener,
) -> None:
    # The announcement was stored, then the server died before moving any dossier.
    app = await open_app()
    async with serving(app) as client:
        open_ = await file(client)
    announcements = CalendarAnnouncements.open(app.clock.now())
    announcements.announce(
        add_days_off=(date(2021, 1, 20),),
        remove_days_off=(),
        make_up_days=(),
        legal_basis=BASIS,
        actor=Actor("admin@10", Role.ADMIN, PROVINCE),
        timestamp=app.clock.now(),
    )
    await app.calendar_office.repository.save([announcements], {})
    await app.close()

    # The next start finds the open dossier still on the old date and moves it.
    restarted = await open_app()
    async with serving(restarted) as client:
        for _ in range(100):  # the start reconciles in a task of its own
            moved = await dossier(client, open_)
            if moved["due_date"] != open_["due_date"]:
                break
            await asyncio.sleep(0.1)
        assert moved["due_date"] > open_["due_date"]
        history = await client.get(
            f"/api/v1/dossiers/{open_['id']}/history", headers=bearer(Role.CLERK)
        )
        assert [e["type"] for e in history.json()["events"]].count("DueDateMoved") == 1


async def test_an_announcement_counts_in_every_api_process_without_a_restart(
    open_app: AppOpener,
) -> None:
    # Two API processes over one database; the second received a dossier due on a day
    # that the first then declares off, while the second is between two news.
    first, second = await open_app(), await open_app()
    async with serving(first) as announcing, serving(second) as other:
        received = await file(other, procedure_code=BIRTH)
        due = date.fromisoformat(received["due_date"])
        await second.calendar_office.stop()  # no news for the second for now
        announced = await announcing.post(
            "/api/v1/calendar",
            json={"add_days_off": [due.isoformat()], "legal_basis": BASIS},
            headers=ADMIN,
        )
        assert announced.status_code == 200, announced.text
        assert (await dossier(other, received))["due_date"] > received["due_date"]
        meanwhile = await file(other, procedure_code=BIRTH)  # on the old calendar
        assert meanwhile["due_date"] == received["due_date"]

        # At its next news the second adopts the calendar, moves what it received on
        # the old one, and counts what it receives from now on without that day.
        second.calendar_office.watch()
        deadline = asyncio.get_running_loop().time() + 10.0
        while (await dossier(other, meanwhile))["due_date"] == meanwhile["due_date"]:
            assert asyncio.get_running_loop().time() < deadline, "the day off never arrived"
            await asyncio.sleep(0.05)  # polling against the deadline
        later = await file(other, procedure_code=BIRTH)
        assert date.fromisoformat(later["due_date"]) > due
