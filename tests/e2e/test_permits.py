"""Permits over HTTP: issued once from an approved construction-permit dossier, then kept
by the district's leaders; anyone checks one by its number."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx

from domain.shared import Role
from infrastructure.clock import FixedClock
from interfaces.bootstrap import App
from tests.e2e.api import E2E, act, bearer, file
from tests.e2e.conftest import AppOpener
from tests.examples import BAT_XAT, CITY, PERMIT

pytestmark = E2E
TERMS = {
    "holder": "Lò Văn Pả",
    "scope": "Nhà ở riêng lẻ 3 tầng, 120 m² sàn, tổ 5 phường Kim Tân",
    "valid_from": "2021-01-20",
    "valid_until": "2022-01-19",
}
NUMBER = f"GPXD-{CITY}-210111-0001"


async def approved_permit(client: httpx.AsyncClient) -> dict[str, Any]:
    """A construction permit dossier filed and approved at the city (a district)."""
    receipt = await file(client, CITY, procedure_code=PERMIT)
    approved = await act(
        client, receipt, "approve", {"result": {"permit": TERMS}}, Role.LEADER, CITY
    )
    assert approved.status_code == 200, approved.text
    result: dict[str, Any] = approved.json()
    return result


async def permit_action(
    client: httpx.AsyncClient, action: str, body: dict[str, Any], role: Role = Role.LEADER
) -> httpx.Response:
    return await client.post(
        f"/api/v1/permits/{NUMBER}/{action}", json=body, headers=bearer(role, CITY)
    )


async def test_approval_numbers_the_permit_and_the_number_finds_it(
    client: httpx.AsyncClient,
) -> None:
    dossier = await approved_permit(client)
    assert dossier["result"]["permit_number"] == NUMBER
    read = await client.get(f"/api/v1/permits/{NUMBER}", headers=bearer(Role.CLERK, CITY))
    assert read.status_code == 200
    assert read.json() == {
        "number": NUMBER,
        "kind": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "dossier_id": dossier["id"],
        **TERMS,
        "issuing_unit": CITY,
        "status": "valid",
        "version": 1,
    }
    assert read.headers["ETag"] == '"1"'


async def test_a_permit_approval_without_its_terms_is_refused_naming_the_field(
    client: httpx.AsyncClient,
) -> None:
    receipt = await file(client, CITY, procedure_code=PERMIT)
    partial = {"permit": {k: v for k, v in TERMS.items() if k != "holder"}}
    refused = await act(client, receipt, "approve", {"result": partial}, Role.LEADER, CITY)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "result.permit.holder"
    sent_number = {"permit": TERMS, "permit_number": "GPXD-fake"}
    forged = await act(client, receipt, "approve", {"result": sent_number}, Role.LEADER, CITY)
    assert forged.json()["errors"][0]["field"] == "result.permit_number"


async def test_restarts_and_racing_issuers_issue_the_permit_once(
    app: App, open_app: AppOpener, client: httpx.AsyncClient
) -> None:
    await approved_permit(client)
    # Two restarted processes run their issuers at once, a third reads the permit.
    first, second = await open_app(), await open_app()
    await asyncio.gather(
        first.start_projections(),
        second.start_projections(),
        app.permits.issuer.issue_number(NUMBER),
    )
    for started in (first, second):
        issuer = next(r for r in started.projections.relays if r.name == "permit_issuer")
        await issuer.wait_for(await app.store.last_position())
    permit_events = [e async for e in app.store.read_all() if e.stream_type == "Permit"]
    assert [e.type.rsplit(".", 1)[-1] for e in permit_events] == ["Issued"]
    history = await client.get(
        f"/api/v1/permits/{NUMBER}/history", headers=bearer(Role.AUDITOR, "10")
    )
    assert [e["type"] for e in history.json()["events"]] == ["Issued"]
    assert history.json()["events"][0]["actor"]["role"] == "leader"


async def test_the_lifecycle_and_the_public_check(
    client: httpx.AsyncClient, clock: FixedClock
) -> None:
    await approved_permit(client)
    amended = await permit_action(client, "amend", {"scope": "Nhà 4 tầng"})
    assert amended.status_code == 200 and amended.json()["scope"] == "Nhà 4 tầng"
    shorter = await permit_action(client, "extend", {"valid_until": "2021-12-31"})
    assert shorter.status_code == 409
    extended = await permit_action(client, "extend", {"valid_until": "2022-06-30"})
    assert extended.json()["valid_until"] == "2022-06-30"
    suspended = await permit_action(client, "suspend", {"reason": "Xây sai phép"})
    assert suspended.json()["status"] == "suspended"
    public = await client.get(f"/api/v1/public/permits/{NUMBER}")
    assert public.json() == {
        "number": NUMBER,
        "kind": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "status": "suspended",
        "valid_from": "2021-01-20",
        "valid_until": "2022-06-30",
        "issuing_unit_name": "Thành phố Lào Cai",
    }
    reinstated = await permit_action(client, "reinstate", {"reason": "Đã khắc phục"})
    assert reinstated.json()["status"] == "valid"
    clock.advance(timedelta(days=600))  # past 30 June 2022: expired by the calendar alone
    assert (await client.get(f"/api/v1/public/permits/{NUMBER}")).json()["status"] == "expired"
    clock.advance(timedelta(days=-600))
    revoked = await permit_action(client, "revoke", {"reason": "Vi phạm nghiêm trọng"})
    assert revoked.json()["status"] == "revoked" and revoked.json()["version"] == 6
    again = await permit_action(client, "amend", {"scope": "x"})
    assert again.status_code == 409 and again.json()["type"] == "/problems/invalid-transition"


async def test_only_the_issuing_units_leaders_act_and_others_do_not_see_it(
    client: httpx.AsyncClient,
) -> None:
    await approved_permit(client)
    as_clerk = await permit_action(client, "suspend", {"reason": "x"}, Role.CLERK)
    assert as_clerk.status_code == 403
    elsewhere = await client.post(
        f"/api/v1/permits/{NUMBER}/suspend",
        json={"reason": "x"},
        headers=bearer(Role.LEADER, BAT_XAT),
    )
    assert elsewhere.status_code == 404
    unknown = await client.get("/api/v1/public/permits/GPXD-080-210111-0999")
    assert unknown.status_code == 404
