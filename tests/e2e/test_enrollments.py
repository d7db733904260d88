"""School enrollment over HTTP: applications, the residence rule, admissions that never
exceed a school's seats even when fired all at once, transfers that free a seat."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from domain.shared import Role
from tests.e2e.api import E2E, bearer
from tests.examples import A_MU_SUNG, COC_LEU, KIM_TAN

pytestmark = E2E
KIM_TAN_PRIMARY = "LC-TH-KIMTAN"  # 30 grade-1 seats, in phường Kim Tân
COC_LEU_PRIMARY = "LC-TH-COCLEU"  # 60 grade-1 seats, in phường Cốc Lếu
YEAR = "2021-2022"


def application(n: int = 0, **overrides: Any) -> dict[str, Any]:
    return {
        "school_year": YEAR,
        "grade": 1,
        "student": {"full_name": f"Học sinh {n:02d}", "birth_date": "2021-03-04"},
        "guardian": {"full_name": "Phụ huynh", "phone": "0912345678"},
        "residence_unit": COC_LEU,  # same district (the city) as both schools
        "choices": [KIM_TAN_PRIMARY, COC_LEU_PRIMARY],
        **overrides,
    }


async def apply(client: httpx.AsyncClient, n: int = 0, **overrides: Any) -> dict[str, Any]:
    answer = await client.post(
        "/api/v1/enrollments",
        json=application(n, **overrides),
        headers=bearer(Role.SPECIALIST, KIM_TAN),
    )
    assert answer.status_code == 201, answer.text
    filed: dict[str, Any] = answer.json()
    return filed


async def decide(
    client: httpx.AsyncClient,
    enrollment: dict[str, Any],
    action: str,
    body: dict[str, Any],
    unit: str = KIM_TAN,
) -> httpx.Response:
    return await client.post(
        f"/api/v1/enrollments/{enrollment['id']}/{action}",
        json=body,
        headers=bearer(Role.SPECIALIST, unit),
    )


async def roster(client: httpx.AsyncClient, school: str, unit: str) -> dict[str, Any]:
    answer = await client.get(
        f"/api/v1/schools/{school}/roster",
        params={"school_year": YEAR, "grade": 1},
        headers=bearer(Role.SPECIALIST, unit),
    )
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


async def test_the_schools_are_reference_data(client: httpx.AsyncClient) -> None:
    schools = (await client.get("/api/v1/schools")).json()["items"]
    assert {"1", "6"} <= {grade for school in schools for grade in school["capacity"]}
    kim_tan = next(s for s in schools if s["code"] == KIM_TAN_PRIMARY)
    assert kim_tan["unit"] == KIM_TAN and kim_tan["capacity"] == {"1": 30}


async def test_an_application_is_checked_against_residence_and_the_applicants_unit(
    client: httpx.AsyncClient,
) -> None:
    filed = await apply(client)
    assert filed["status"] == "applied" and filed["school"] is None
    far = await client.post(
        "/api/v1/enrollments",
        json=application(residence_unit=A_MU_SUNG),  # huyện Bát Xát, another district
        headers=bearer(Role.SPECIALIST, KIM_TAN),
    )
    assert far.status_code == 422 and far.json()["errors"][0]["field"] == "choices.0"
    elsewhere = await client.post(
        "/api/v1/enrollments", json=application(), headers=bearer(Role.SPECIALIST, A_MU_SUNG)
    )
    assert elsewhere.status_code == 403


async def test_fifty_admissions_at_once_fill_thirty_seats_and_no_more(
    client: httpx.AsyncClient,
) -> None:
    applicants = [await apply(client, n) for n in range(50)]
    answers = await asyncio.gather(
        *(decide(client, e, "admit", {"school": KIM_TAN_PRIMARY}) for e in applicants)
    )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * 30 + [409] * 20
    refused = [a.json()["type"] for a in answers if a.status_code == 409]
    assert set(refused) == {"/problems/capacity-exhausted"}
    listed = await roster(client, KIM_TAN_PRIMARY, KIM_TAN)
    assert (listed["capacity"], listed["admitted"], len(listed["items"])) == (30, 30, 30)
    admitted_ids = {a.json()["id"] for a in answers if a.status_code == 200}
    assert {item["id"] for item in listed["items"]} == admitted_ids


async def test_a_transfer_frees_the_seat_it_leaves(client: httpx.AsyncClient) -> None:
    first, second = await apply(client, 1), await apply(client, 2)
    assert (await decide(client, first, "admit", {"school": KIM_TAN_PRIMARY})).status_code == 200
    confirmed = await decide(client, first, "confirm", {})
    assert confirmed.json()["status"] == "confirmed"
    assert (await decide(client, second, "waitlist", {})).json()["status"] == "waitlisted"
    moved = await decide(client, first, "transfer", {"to_school": COC_LEU_PRIMARY}, COC_LEU)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["school"], moved.json()["status"]) == (COC_LEU_PRIMARY, "admitted")
    assert (await roster(client, KIM_TAN_PRIMARY, KIM_TAN))["admitted"] == 0
    assert [i["id"] for i in (await roster(client, COC_LEU_PRIMARY, COC_LEU))["items"]] == [
        first["id"]
    ]
    refused = await decide(client, second, "refuse", {"reason": "Hồ sơ không đủ"})
    assert refused.json()["status"] == "refused"
    again = await decide(client, second, "admit", {"school": KIM_TAN_PRIMARY})
    assert again.status_code == 409 and again.json()["type"] == "/problems/invalid-transition"
