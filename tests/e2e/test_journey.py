"""One dossier's whole inter-level journey, through the HTTP API only."""

from __future__ import annotations

from datetime import timedelta

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from tests.e2e.api import E2E, act, bearer, file
from tests.examples import CITY, COC_LEU, PROVINCE

pytestmark = E2E


async def test_a_merit_benefit_goes_commune_district_province_and_back(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # Monday 11 January 2021, 09:00: Mrs Mai files at phường Cốc Lếu's desk for a merit
    # benefit, 20 working days, decided by the province.
    receipt = await file(client)
    assert receipt["status"] == "in_processing"
    assert receipt["receiving_unit"] == receipt["current_unit"] == COC_LEU
    assert receipt["due_date"] == "2021-02-12"

    # The commune's specialist finds the ID card copy missing: the statutory clock stops.
    clock.advance(timedelta(hours=1))
    asked = await act(
        client,
        receipt,
        "request-supplement",
        {"reason": "Thiếu bản sao CCCD", "documents": ["Bản sao CCCD"]},
        Role.SPECIALIST,
    )
    assert asked.status_code == 200 and asked.json()["status"] == "awaiting_supplement"

    # She brings it on Thursday: three working days waited move the due date by three.
    clock.advance(timedelta(days=3))
    supplemented = await act(
        client, receipt, "supplement", {"documents": [{"name": "Bản sao CCCD"}]}, Role.CLERK
    )
    assert supplemented.json()["status"] == "in_processing"
    assert supplemented.json()["due_date"] == "2021-02-17"

    # The commune forwards it to the city (district level), which forwards it to the province.
    forwarded = await act(client, receipt, "transfer", {"to_unit": CITY}, Role.CLERK)
    assert forwarded.json()["current_unit"] == CITY
    clock.advance(timedelta(days=4))
    to_province = await act(
        client,
        receipt,
        "transfer",
        {"to_unit": PROVINCE, "note": "Đủ điều kiện"},
        Role.SPECIALIST,
        CITY,
    )
    assert to_province.json()["current_unit"] == PROVINCE

    # The province's leader decides; the result goes back to the commune's desk.
    clock.advance(timedelta(days=7))
    approved = await act(
        client,
        receipt,
        "approve",
        {"result": {"decision": "QĐ 123/QĐ-UBND"}},
        Role.LEADER,
        PROVINCE,
        headers={"If-Match": to_province.headers["ETag"]},
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["current_unit"] == COC_LEU

    inbox = await client.get("/api/v1/inbox", headers=bearer(Role.CLERK))
    assert [item["code"] for item in inbox.json()["items"]] == [receipt["code"]]

    clock.advance(timedelta(days=1))
    returned = await act(client, receipt, "return-result", {"channel": "desk"}, Role.CLERK)
    assert returned.json()["status"] == "result_returned"
    assert returned.json()["late"] is False

    # Mrs Mai follows it all with the code and secret printed on her receipt.
    status = await client.get(
        f"/api/v1/public/dossiers/{receipt['code']}", params={"secret": receipt["lookup_secret"]}
    )
    assert status.status_code == 200
    timeline = [(entry["status"], entry["unit_name"]) for entry in status.json()["timeline"]]
    assert timeline == [
        ("submitted", "Phường Cốc Lếu"),
        ("in_processing", "Phường Cốc Lếu"),
        ("awaiting_supplement", "Phường Cốc Lếu"),
        ("in_processing", "Phường Cốc Lếu"),
        ("in_processing", "Thành phố Lào Cai"),
        ("in_processing", "Tỉnh Lào Cai"),
        ("approved", "Phường Cốc Lếu"),
        ("result_returned", "Phường Cốc Lếu"),
    ]
    assert "010203004005" not in status.text and "@" not in status.text

    # The province's auditor reads every step, with who did it.
    history = await client.get(
        f"/api/v1/dossiers/{receipt['id']}/history", headers=bearer(Role.AUDITOR, PROVINCE)
    )
    events = history.json()["events"]
    assert [e["type"] for e in events] == [
        "Submitted",
        "Received",
        "SupplementRequested",
        "Supplemented",
        "Transferred",
        "Transferred",
        "Approved",
        "ResultReturned",
    ]
    assert events[-2]["actor"] == {"sub": f"leader@{PROVINCE}", "role": "leader", "unit": PROVINCE}
