"""Publishing the procedure catalog through the API: a version for a later day waits for
its date and then applies with no restart, dossiers keep the version they were received
under, a bad version is refused naming its field and records nothing, and the published
versions outlive a restart (the reference file adds nothing twice)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from domain.publishing import CatalogRegistry
from domain.shared import Role
from infrastructure.clock import FixedClock
from infrastructure.reference_streams import LOADER
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, every_page, file, serving
from tests.e2e.conftest import AppOpener
from tests.examples import CITY, COC_LEU, MERIT, PROVINCE

pytestmark = E2E
ADMIN = bearer(Role.ADMIN, PROVINCE)
# Benefits for people with merit decided by the commune from 12 January 2021, for a fee.
COMMUNE_ROUTE = [
    {"level": "commune", "action": "receive"},
    {"level": "commune", "action": "process"},
    {"level": "commune", "action": "decide"},
    {"level": "commune", "action": "return"},
]
VERSION: dict[str, Any] = {
    "code": MERIT,
    "name": "Giải quyết chế độ ưu đãi người có công (cấp xã)",
    "field": "Người có công",
    "time_limit_days": 12,
    "result_kind": "decision",
    "steps": COMMUNE_ROUTE,
    "required_documents": ["Bản khai", "Giấy tờ chứng minh"],
    "fee_vnd": 50_000,
    "effective": "2021-01-12",
    "legal_basis": "Quyết định công bố TTHC của Chủ tịch UBND tỉnh (thử nghiệm)",
}


def hanoi_9am(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 2, 0, tzinfo=UTC)


async def merit_on(client: httpx.AsyncClient, day: str | None = None) -> dict[str, Any]:
    params = {"as_of": day} if day else {}
    answer = await client.get("/api/v1/procedures", params=params)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = next(p for p in answer.json()["items"] if p["code"] == MERIT)
    return found


async def catalog_events(app: App) -> list[str]:
    stream = await app.store.read_stream(CatalogRegistry.id_for(LOADER.unit))
    return [event.type.rsplit(".", 1)[-1] for event in stream]


async def test_a_version_for_tomorrow_applies_then_and_dossiers_keep_theirs(
    app: App, open_app: AppOpener, client: httpx.AsyncClient, clock: FixedClock
) -> None:
    # Today (11 January 2021) the first version is in force: decided at the province.
    today = await merit_on(client)
    assert today["version"] == 1 and today["in_force_from"] is None
    assert [s["level"] for s in today["steps"]] == ["commune", "district", "province", "commune"]
    before = await file(client)
    assert before["procedure"]["version"] == 1

    published = await client.post("/api/v1/procedures", json=VERSION, headers=ADMIN)
    assert published.status_code == 201, published.text
    assert published.json() == {
        **{k: v for k, v in VERSION.items() if k not in ("effective", "legal_basis")},
        "version": 3,
        "receiving_level": "commune",
        "in_force_from": "2021-01-12",
    }
    # It waits for its date; the reform's version still takes over on 2025-07-01.
    assert (await merit_on(client))["version"] == 1
    assert (await merit_on(client, "2021-01-12"))["version"] == 3
    assert (await merit_on(client, "2025-06-30"))["fee_vnd"] == 50_000
    assert (await merit_on(client, "2025-07-01"))["version"] == 2
    assert (await catalog_events(app))[-1] == "VersionPublished"
    # The feed tells the world (the catalog is public law), the admin by role and unit only.
    kind = "vn.gov.motcua.catalog_registry.version_published"
    machine = bearer(Role.INTEGRATION, PROVINCE, sub="dashboard")
    told = await every_page(client, f"/api/v1/events?type={kind}", machine, limit=50)
    assert told[-1]["data"]["code"] == MERIT and told[-1]["data"]["version"] == 3
    assert told[-1]["data"]["in_force_from"] == "2021-01-12"
    assert told[-1]["data"]["actor"] == {"role": "admin", "unit": PROVINCE}

    # The next morning it applies with no restart; the dossier of yesterday keeps its own.
    clock.set(hanoi_9am(2021, 1, 12))
    after = await file(client)
    assert after["procedure"] == {"code": MERIT, "version": 3, "name": VERSION["name"]}
    clerk = bearer(Role.CLERK, COC_LEU)
    kept = (await client.get(f"/api/v1/dossiers/{before['id']}", headers=clerk)).json()
    assert kept["procedure"]["version"] == 1 and kept["due_date"] == before["due_date"]
    assert (await merit_on(client))["version"] == 3

    # After a restart the store holds it; the reference file records nothing again.
    recorded = await catalog_events(app)
    restarted = await open_app()
    assert isinstance(restarted.clock, FixedClock)
    restarted.clock.set(hanoi_9am(2021, 1, 12))
    async with serving(restarted) as fresh:
        assert (await merit_on(fresh))["version"] == 3
    assert await catalog_events(restarted) == recorded


async def test_a_bad_version_names_its_field_and_records_nothing(
    app: App, client: httpx.AsyncClient
) -> None:
    recorded = await catalog_events(app)

    async def refused(field: str, role: Role = Role.ADMIN, **change: Any) -> None:
        answer = await client.post(
            "/api/v1/procedures", json={**VERSION, **change}, headers=bearer(role, PROVINCE)
        )
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert field in [error["field"] for error in answer.json()["errors"]], answer.text

    # The districts are gone from 1 July 2025: a route through one names its step.
    through_district = [COMMUNE_ROUTE[0], {"level": "district", "action": "decide"}]
    await refused("steps[1].level", steps=through_district, effective="2025-07-01")
    await refused("steps[0].action", steps=COMMUNE_ROUTE[1:])
    await refused("steps", steps=[COMMUNE_ROUTE[0], COMMUNE_ROUTE[3]])
    await refused("effective", effective="2021-01-10")
    await refused("receiving_level", receiving_level="district")
    await refused("steps.1.action", steps=[COMMUNE_ROUTE[0], {"level": "commune", "action": "x"}])
    await refused("time_limit_days", time_limit_days=-1)
    await refused("fee_vnd", fee_vnd=-5)
    await refused("code", code="")
    # Only an admin of the province publishes.
    for role, unit in ((Role.CLERK, PROVINCE), (Role.ADMIN, CITY)):
        answer = await client.post("/api/v1/procedures", json=VERSION, headers=bearer(role, unit))
        assert answer.status_code == 403, answer.text
    assert await catalog_events(app) == recorded
