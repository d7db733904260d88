"""The units over time through the API: the tree of any day from the registry's events, one
unit with its predecessors and successors, reorganisations judged whole, a plan that waits
for its date (also across a restart), and officers after the 2025 switch."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from domain.shared import Role
from domain.units import UnitRegistry
from infrastructure.clock import FixedClock
from infrastructure.unit_history.loading import DEMO_JURISDICTION
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, file, serving
from tests.e2e.conftest import AppOpener
from tests.examples import BIRTH, COC_LEU

pytestmark = E2E

NEW_PROVINCE = "15"  # Tỉnh Lào Cai from 2025-07-01 (old Yên Bái's code)
OLD_LAO_CAI = "10"
YEN_THINH = "04249"  # phường Yên Thịnh, old Yên Bái; from 2025-07-01 part of 04279
PHUONG_LAO_CAI = "02647"  # old Kim Tân's code, kept by phường Lào Cai (Cốc Lếu merged in)


def hanoi_9am(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 2, 0, tzinfo=UTC)


async def units_on(client: httpx.AsyncClient, day: str) -> dict[str, dict[str, Any]]:
    answer = await client.get("/api/v1/units", params={"as_of": day})
    assert answer.status_code == 200, answer.text
    assert answer.json()["as_of"] == day
    return {unit["code"]: unit for unit in answer.json()["items"]}


async def test_the_tree_of_any_day_comes_from_the_recorded_history(
    client: httpx.AsyncClient,
) -> None:
    # Today (the tests' clock, January 2021) only old Lào Cai is listed; old Yên Bái is
    # listed from 2025-01-01; on 2025-06-30 both, three tiers; from 2025-07-01 one
    # province, code 15, and 99 communes under it.
    today = (await client.get("/api/v1/units")).json()
    assert today["as_of"] == "2021-01-11"
    assert {u["code"] for u in today["items"]} >= {OLD_LAO_CAI, "080", COC_LEU}
    assert YEN_THINH not in {u["code"] for u in today["items"]}
    eve = await units_on(client, "2025-06-30")
    assert eve[OLD_LAO_CAI]["valid_until"] == "2025-06-30"
    assert eve[NEW_PROVINCE]["name"] == "Tỉnh Yên Bái"
    assert eve[YEN_THINH]["parent"] == "132" and eve["080"]["level"] == "district"
    after = await units_on(client, "2025-07-01")
    assert OLD_LAO_CAI not in after and "080" not in after and COC_LEU not in after
    assert after[NEW_PROVINCE] == {
        "code": NEW_PROVINCE,
        "name": "Tỉnh Lào Cai",
        "level": "province",
        "parent": None,
        "valid_from": "2025-07-01",
        "valid_until": None,
    }
    assert {u["level"] for u in after.values()} == {"province", "commune"}
    assert sum(u["level"] == "commune" for u in after.values()) == 99


async def test_one_unit_names_what_it_was_formed_from_and_what_took_over(
    client: httpx.AsyncClient,
) -> None:
    coc_leu = (await client.get(f"/api/v1/units/{COC_LEU}")).json()
    assert coc_leu["name"] == "Phường Cốc Lếu" and coc_leu["valid_until"] == "2025-06-30"
    assert coc_leu["successors"] == [PHUONG_LAO_CAI] and "1673" in coc_leu["ceased_by"]
    # The code 02647 names old Kim Tân until the switch and phường Lào Cai after it.
    kim_tan = (await client.get(f"/api/v1/units/{PHUONG_LAO_CAI}")).json()
    assert kim_tan["name"] == "Phường Kim Tân" and kim_tan["successors"] == [PHUONG_LAO_CAI]
    answer = await client.get(f"/api/v1/units/{PHUONG_LAO_CAI}", params={"as_of": "2025-07-01"})
    lao_cai = answer.json()
    assert lao_cai["name"] == "Phường Lào Cai" and lao_cai["parent"] == NEW_PROVINCE
    assert {COC_LEU, PHUONG_LAO_CAI} <= set(lao_cai["predecessors"])
    province = (await client.get("/api/v1/units/15", params={"as_of": "2025-07-01"})).json()
    # Formed from the two old provinces; every district's work passed to it too.
    assert {OLD_LAO_CAI, NEW_PROVINCE, "080", "132"} <= set(province["predecessors"])
    assert (await client.get("/api/v1/units/99999")).status_code == 404


BAD_PLANS = {
    "leaves a unit without a parent": (
        [{"kind": "abolish", "unit": NEW_PROVINCE, "successor": PHUONG_LAO_CAI}],
        "changes[0].unit",
    ),
    "uses a unit twice": (
        [
            {"kind": "rename", "unit": PHUONG_LAO_CAI, "name": "Phường Mới"},
            {
                "kind": "merge",
                "into": {"code": "09990", "name": "Phường Hợp", "level": "commune", "parent": "15"},
                "from": ["04279", PHUONG_LAO_CAI],
            },
        ],
        "changes[1].from[1]",
    ),
    "reuses a live code": (
        [
            {
                "kind": "establish",
                "unit": {"code": "04279", "name": "Xã Trùng", "level": "commune", "parent": "15"},
            }
        ],
        "changes[0].unit.code",
    ),
    "names an unknown unit": (
        [{"kind": "rename", "unit": "99999", "name": "Xã Không Có"}],
        "changes[0].unit",
    ),
}


def plan(*changes: dict[str, Any], effective: str = "2025-09-01") -> dict[str, Any]:
    return {"effective": effective, "legal_basis": "Nghị quyết thử (e2e)", "changes": changes}


RENAME = {"kind": "rename", "unit": PHUONG_LAO_CAI, "name": "Phường Lào Cai Mới"}
GOOD = {"kind": "rename", "unit": "02671", "name": "Phường Cam Đường Mới"}


async def test_a_bad_plan_is_refused_whole_naming_the_change(
    app: App, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    clock.set(hanoi_9am(2025, 7, 2))
    admin = bearer(Role.ADMIN, NEW_PROVINCE)
    registry = UnitRegistry.id_for(DEMO_JURISDICTION)
    before = await app.store.stream_version(registry)  # the log also gets the hand-over's
    for case, (changes, field) in BAD_PLANS.items():
        # A good change rides along each time: nothing of the plan is recorded.
        answer = await client.post(
            "/api/v1/reorganisations", json=plan(*changes, GOOD), headers=admin
        )
        assert answer.status_code == 422, (case, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        fields = [error["field"] for error in answer.json()["errors"]]
        assert field in fields, (case, fields)
        assert field in answer.json()["detail"]
    assert await app.store.stream_version(registry) == before
    assert (await units_on(client, "2025-09-01"))["02671"]["name"] == "Phường Cam Đường"


async def test_only_an_admin_of_the_province_reorganises(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    clock.set(hanoi_9am(2025, 7, 2))
    for role, unit in [(Role.CLERK, NEW_PROVINCE), (Role.ADMIN, PHUONG_LAO_CAI)]:
        answer = await client.post(
            "/api/v1/reorganisations", json=plan(RENAME), headers=bearer(role, unit)
        )
        assert answer.status_code == 403, answer.text


async def test_a_plan_for_a_later_day_waits_and_takes_effect_by_itself_across_a_restart(
    app: App, open_app: AppOpener, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    clock.set(hanoi_9am(2025, 7, 2))
    before = await app.store.last_position()
    answer = await client.post(
        "/api/v1/reorganisations", json=plan(RENAME), headers=bearer(Role.ADMIN, NEW_PROVINCE)
    )
    assert answer.status_code == 201, answer.text
    assert answer.json() == {
        "effective": "2025-09-01",
        "legal_basis": "Nghị quyết thử (e2e)",
        "changes": 1,
        "pending": True,
    }
    assert (await client.get(f"/api/v1/units/{PHUONG_LAO_CAI}")).json()["name"] == (
        "Phường Lào Cai"
    )
    # The same plan again is refused: it is recorded already.
    again = await client.post(
        "/api/v1/reorganisations", json=plan(RENAME), headers=bearer(Role.ADMIN, NEW_PROVINCE)
    )
    assert again.status_code == 422
    # Restarted before its day, the server keeps it waiting; on its day it is in force.
    restarted = await open_app()
    assert isinstance(restarted.clock, FixedClock)
    restarted.clock.set(hanoi_9am(2025, 8, 31))
    async with serving(restarted) as fresh:
        unit = f"/api/v1/units/{PHUONG_LAO_CAI}"
        assert (await fresh.get(unit)).json()["name"] == "Phường Lào Cai"
        restarted.clock.set(hanoi_9am(2025, 9, 1))
        assert (await fresh.get(unit)).json()["name"] == "Phường Lào Cai Mới"
        # It is in the event log, with who recorded it and on what basis.
        await restarted.projections.wait_for()
        log = await fresh.get(
            f"/api/v1/audit/events?after={before}", headers=bearer(Role.AUDITOR, "15")
        )
        assert log.status_code == 200, log.text
        marks = [i for i in log.json()["items"] if i["type"] == "Reorganised"]
        assert marks[-1]["data"]["legal_basis"] == "Nghị quyết thử (e2e)"
        assert marks[-1]["actor"]["role"] == "admin" and marks[-1]["actor"]["unit"] == "15"


async def test_after_the_switch_officers_work_in_the_new_tree(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # June 2025: a birth registered at Cốc Lếu (old Lào Cai) and one at Yên Thịnh (old
    # Yên Bái). Old Yên Bái's auditor sees its own only.
    clock.set(hanoi_9am(2025, 6, 2))
    lao_cai = await file(client, unit=COC_LEU, procedure_code=BIRTH)
    yen_bai = await file(client, unit=YEN_THINH, procedure_code=BIRTH)

    async def seen_by(role: Role, unit: str, dossier: dict[str, Any]) -> int:
        answer = await client.get(f"/api/v1/dossiers/{dossier['id']}", headers=bearer(role, unit))
        return answer.status_code

    assert await seen_by(Role.AUDITOR, NEW_PROVINCE, yen_bai) == 200
    assert await seen_by(Role.AUDITOR, NEW_PROVINCE, lao_cai) == 404
    assert await seen_by(Role.AUDITOR, OLD_LAO_CAI, lao_cai) == 200

    # From 1 July 2025 the auditor of the new province (15) sees both; a token of old
    # Lào Cai, or of Cốc Lếu, is refused, naming who carries on its work.
    clock.set(hanoi_9am(2025, 7, 1))
    assert await seen_by(Role.AUDITOR, NEW_PROVINCE, yen_bai) == 200
    assert await seen_by(Role.AUDITOR, NEW_PROVINCE, lao_cai) == 200
    refused = await client.get(
        f"/api/v1/dossiers/{lao_cai['id']}", headers=bearer(Role.AUDITOR, OLD_LAO_CAI)
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["successors"] == [NEW_PROVINCE]
    assert "Tỉnh Lào Cai" in refused.json()["detail"]
    clerk = await client.get(
        f"/api/v1/dossiers/{lao_cai['id']}", headers=bearer(Role.CLERK, COC_LEU)
    )
    assert clerk.status_code == 403 and clerk.json()["successors"] == [PHUONG_LAO_CAI]
    # The auditor of the new commune sees what its predecessor Cốc Lếu received.
    assert await seen_by(Role.AUDITOR, PHUONG_LAO_CAI, lao_cai) == 200
    assert await seen_by(Role.AUDITOR, PHUONG_LAO_CAI, yen_bai) == 404
    # A made-up unit is still not one: 401.
    assert (
        await client.get("/api/v1/dossiers", headers=bearer(Role.CLERK, "99999"))
    ).status_code == 401
