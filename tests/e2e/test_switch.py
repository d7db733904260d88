"""The 2025 switch and boundary-free filing, through the HTTP API, on both stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import A_MU_SUNG, BIRTH, CITY, COC_LEU, MERIT
from tests.switch_examples import ALLOWANCE, BAT_XAT_DISTRICT, FRIDAY_20_JUNE, XA_BAT_XAT

pytestmark = E2E


async def _history(client: httpx.AsyncClient, dossier: dict[str, Any]) -> list[dict[str, Any]]:
    answer = await client.get(
        f"/api/v1/dossiers/{dossier['id']}/history", headers=bearer(Role.AUDITOR, "15")
    )
    assert answer.status_code == 200, answer.text
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


async def test_a_dossier_in_flight_at_huyen_bat_xat_ends_at_its_successor(
    app: App, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # The unit history is in the store from the start: old Lào Cai, old Yên Bái, the
    # reform of 1 July 2025.
    clock.set(FRIDAY_20_JUNE)
    # Friday 20 June 2025: a social allowance filed at thị trấn Bát Xát's desk goes to the
    # district, which decides it (three-tier route, six working days).
    receipt = await file(client, XA_BAT_XAT, procedure_code=ALLOWANCE)
    at_district = await act(
        client, receipt, "transfer", {"to_unit": BAT_XAT_DISTRICT}, Role.CLERK, XA_BAT_XAT
    )
    assert at_district.json()["current_unit"] == BAT_XAT_DISTRICT

    # 1 July 2025: the district is gone. The allowance is decided at the commune now: the
    # new xã Bát Xát (the same code, 02683, formed from five old communes) takes it over.
    clock.set(datetime(2025, 7, 1, 1, 0, tzinfo=UTC))
    await app.handover.catch_up()
    await app.handover.catch_up()  # a second run (a restart) hands nothing over twice
    leader = bearer(Role.LEADER, XA_BAT_XAT)
    now = (await client.get(f"/api/v1/dossiers/{receipt['id']}", headers=leader)).json()
    assert (now["current_unit"], now["receiving_unit"]) == (XA_BAT_XAT, XA_BAT_XAT)
    assert now["due_date"] == receipt["due_date"]  # the clock did not restart

    events = await _history(client, receipt)
    handed = [e for e in events if e["type"] == "HandedOver"]
    assert len(handed) == 1
    assert handed[0]["data"]["from_unit_name"] == "Huyện Bát Xát"
    assert handed[0]["data"]["to_unit_name"] == "Xã Bát Xát"
    assert "1673/NQ-UBTVQH15" in handed[0]["data"]["legal_basis"]
    assert [e["type"] for e in events][:3] == ["Submitted", "Received", "Transferred"]

    # The new commune decides, its desk returns the result; the citizen's code and secret
    # still find the dossier.
    clock.advance(timedelta(hours=2))
    approved = await act(
        client, receipt, "approve", {"result": {"so": "7/QĐ"}}, Role.LEADER, XA_BAT_XAT
    )
    assert approved.status_code == 200, approved.text
    returned = await act(
        client, receipt, "return-result", {"channel": "desk"}, Role.CLERK, XA_BAT_XAT
    )
    assert returned.json()["status"] == "result_returned"
    public = await client.get(
        f"/api/v1/public/dossiers/{receipt['code']}", params={"secret": receipt["lookup_secret"]}
    )
    assert public.status_code == 200 and public.json()["status"] == "result_returned"


async def test_a_desk_files_for_a_competent_unit_elsewhere_in_the_province(
    client: httpx.AsyncClient,
) -> None:
    # The desk of xã A Mú Sung (Bát Xát) receives a merit benefit for phường Cốc Lếu.
    receipt = await file(client, A_MU_SUNG, competent_unit=COC_LEU)
    assert (receipt["receiving_unit"], receipt["current_unit"]) == (A_MU_SUNG, COC_LEU)
    assert receipt["competent_unit"] == COC_LEU
    # Cốc Lếu's clerk sends it up its own route, to the city.
    onward = await act(client, receipt, "transfer", {"to_unit": CITY}, Role.CLERK, COC_LEU)
    assert onward.json()["current_unit"] == CITY

    for wrong in ("99999", CITY):  # unknown; a district, where the route starts at the commune
        refused = await client.post(
            "/api/v1/dossiers",
            json={
                "procedure_code": MERIT,
                "applicant": receipt["applicant"],
                "competent_unit": wrong,
            },
            headers=bearer(Role.CLERK, A_MU_SUNG),
        )
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["competent_unit"]


async def test_statistics_across_the_switch_read_as_filed_or_in_todays_units(
    app: App, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    clock.set(FRIDAY_20_JUNE)
    # Two allowances filed at xã Bản Vược (02710) and one at thị trấn Bát Xát (02683), all
    # at the district on the eve; from 1 July they are the new xã Bát Xát's, which decides.
    filed = [
        await file(client, unit, procedure_code=ALLOWANCE)
        for unit in ("02710", "02710", XA_BAT_XAT)
    ]
    for receipt in filed:
        desk = receipt["receiving_unit"]
        await act(client, receipt, "transfer", {"to_unit": BAT_XAT_DISTRICT}, Role.CLERK, desk)
    clock.set(datetime(2025, 7, 1, 1, 0, tzinfo=UTC))
    await app.handover.catch_up()
    for receipt in filed:
        await act(client, receipt, "approve", {"result": {"so": "1"}}, Role.LEADER, XA_BAT_XAT)

    async def stats(unit: str, geography: str) -> dict[str, int]:
        answer = await client.get(
            "/api/v1/stats",
            params={"unit": unit, "from": "2025-06-01", "to": "2025-07-31", "geography": geography},
            headers=bearer(Role.AUDITOR, "15"),
        )
        assert answer.status_code == 200, answer.text
        rows = answer.json()["rows"]
        keys = ("received", "resolved_early", "resolved_on_time", "resolved_late")
        return {key: sum(row[key] for row in rows) for key in keys}

    # As filed, xã Bát Xát received one of them; in today's units, all three, and it
    # resolved all three either way (the decisions were its own).
    as_filed, current = await stats(XA_BAT_XAT, "as_filed"), await stats(XA_BAT_XAT, "current")
    assert (as_filed["received"], current["received"]) == (1, 3)
    resolved = ("resolved_early", "resolved_on_time", "resolved_late")
    assert sum(current[key] for key in resolved) == 3
    # Over the whole province the totals are the same both ways.
    assert await stats("15", "as_filed") == await stats("15", "current")


async def test_a_yen_bai_desk_files_for_a_lao_cai_commune_after_the_switch(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # Wednesday 2 July 2025, one province: phường Yên Bái's desk (old Yên Bái) receives a
    # birth registration for phường Lào Cai (old Lào Cai), which registers it; the desk
    # hands back the certificate.
    clock.set(datetime(2025, 7, 2, 2, 0, tzinfo=UTC))
    yen_bai, lao_cai = "04252", "02647"
    receipt = await file(client, yen_bai, procedure_code=BIRTH, competent_unit=lao_cai)
    assert (receipt["receiving_unit"], receipt["current_unit"]) == (yen_bai, lao_cai)
    assert receipt["procedure"]["version"] == 2  # the two-tier version, in force that day
    approved = await act(
        client, receipt, "approve", {"result": {"so": "9/GKS"}}, Role.LEADER, lao_cai
    )
    assert approved.json()["current_unit"] == yen_bai
    returned = await act(client, receipt, "return-result", {"channel": "desk"}, Role.CLERK, yen_bai)
    assert returned.json()["status"] == "result_returned"
    # A ceased unit cannot be the competent one.
    refused = await client.post(
        "/api/v1/dossiers",
        json={
            "procedure_code": BIRTH,
            "applicant": receipt["applicant"],
            "competent_unit": "02644",
        },
        headers=bearer(Role.CLERK, yen_bai),
    )
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["competent_unit"]
