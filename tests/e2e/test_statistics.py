"""``GET /api/v1/stats``: a small morning at two communes of the city (see
``statistics_support``), as the read model counts it, scoped like everything else."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, file
from tests.e2e.statistics_support import a_morning_at_two_communes
from tests.examples import A_MU_SUNG, BIRTH, CITY, COC_LEU, KIM_TAN, MERIT, PROVINCE

pytestmark = E2E
NOTHING = {
    "received": 0,
    "received_new": 0,
    "received_carried_over": 0,
    "resolved_early": 0,
    "resolved_on_time": 0,
    "resolved_late": 0,
    "in_processing_on_time": 0,
    "in_processing_overdue": 0,
    "awaiting_supplement": 0,
    "awaiting_payment": 0,
    "supplement_requested": 0,
    "refused": 0,
    "withdrawn": 0,
    "stopped": 0,
    "late_notices": 0,
    "paid": 0,
    "fees_collected_vnd": 0,
    "on_time_rate": None,
    "satisfaction": {"satisfied": 0, "acceptable": 0, "dissatisfied": 0},
}


@pytest.fixture
async def morning(app: App, client: httpx.AsyncClient) -> None:
    await a_morning_at_two_communes(client)
    await app.projections.wait_for()


def row(unit: str, procedure: str, **figures: Any) -> dict[str, Any]:
    return {"unit": unit, "procedure": procedure, **NOTHING, **figures}


async def stats(client: httpx.AsyncClient, role: Role, unit: str, query: str = "") -> Any:
    answer = await client.get(f"/api/v1/stats{query}", headers=bearer(role, unit))
    assert answer.status_code == 200, answer.text
    return answer.json()


COC_LEU_BIRTH = {"received": 1, "received_new": 1, "resolved_on_time": 1, "on_time_rate": 1.0}
COC_LEU_MERIT = {
    "received": 2,
    "received_new": 2,
    "in_processing_on_time": 1,
    "awaiting_supplement": 1,
    "supplement_requested": 1,
}


@pytest.mark.usefixtures("morning")
async def test_a_communes_figures_for_this_month(client: httpx.AsyncClient) -> None:
    report = await stats(client, Role.CLERK, COC_LEU)
    assert (report["from"], report["to"], report["today"]) == (
        "2021-01-01",
        "2021-01-11",
        "2021-01-11",
    )
    assert report["rows"] == [
        row(COC_LEU, BIRTH, **COC_LEU_BIRTH),
        row(COC_LEU, MERIT, **COC_LEU_MERIT),
    ]
    only_merit = await stats(client, Role.LEADER, COC_LEU, f"?procedure={MERIT}")
    assert only_merit["rows"] == [row(COC_LEU, MERIT, **COC_LEU_MERIT)]


@pytest.mark.usefixtures("morning")
async def test_a_districts_figures_include_its_communes(client: httpx.AsyncClient) -> None:
    city_birth = {**COC_LEU_BIRTH, "received": 2, "received_new": 2, "withdrawn": 1}
    expected = [row(CITY, BIRTH, **city_birth), row(CITY, MERIT, **COC_LEU_MERIT)]
    assert (await stats(client, Role.SPECIALIST, CITY))["rows"] == expected
    # The province's auditor asks about the city: the same figures.
    assert (await stats(client, Role.AUDITOR, PROVINCE, f"?unit={CITY}"))["rows"] == expected
    # Bát Xát's commune received nothing.
    assert (await stats(client, Role.CLERK, A_MU_SUNG))["rows"] == []


@pytest.mark.usefixtures("morning")
async def test_another_period_counts_its_own_flows_and_carries_the_open_dossiers(
    client: httpx.AsyncClient,
) -> None:
    february = await stats(client, Role.CLERK, COC_LEU, "?from=2021-02-01&to=2021-02-28")
    # The two merit dossiers still open are carried over; the stock is today's.
    carried = {"received": 2, "received_carried_over": 2}
    stock = {"in_processing_on_time": 1, "awaiting_supplement": 1}
    assert february["rows"] == [row(COC_LEU, MERIT, **carried, **stock)]


async def test_who_may_read_which_figures(client: httpx.AsyncClient) -> None:
    await file(client)
    # Another unit, or one that does not exist, is not found for this officer.
    for unit in (KIM_TAN, CITY, "99999"):
        answer = await client.get(f"/api/v1/stats?unit={unit}", headers=bearer(Role.CLERK))
        assert answer.status_code == 404, unit
        assert answer.json()["type"] == "/problems/not-found"
    # Statistics are for officers and auditors; citizens have no token to ask with.
    for role in (Role.ADMIN, Role.CLINICIAN):
        answer = await client.get("/api/v1/stats", headers=bearer(role, COC_LEU))
        assert answer.status_code == 403, role
    assert (await client.get("/api/v1/stats")).status_code == 401
    for wrong, field in [("from=2021-01-20&to=2021-01-10", "from"), ("to=11/01/2021", "to")]:
        answer = await client.get(f"/api/v1/stats?{wrong}", headers=bearer(Role.CLERK))
        assert answer.status_code == 422, wrong
        assert answer.json()["errors"][0]["field"] == field
