"""The event feed: CloudEvents 1.0 in commit order, resumable from any position, in the
reader's scope, with no personal data; its types documented in the OpenAPI."""

from __future__ import annotations

from typing import Any

import httpx

from domain.shared import Role
from interfaces.bootstrap import App
from tests.e2e.api import E2E, bearer, every_page, file, three_dossiers_across_the_province
from tests.examples import APPLICANT, CITY, COC_LEU, PROVINCE

pytestmark = E2E


async def feed(
    client: httpx.AsyncClient, unit: str, *, after: int = 0, limit: int = 2, query: str = ""
) -> list[dict[str, Any]]:
    """Every item ``unit``'s integration client reads, page by page, from ``after``."""
    machine = bearer(Role.INTEGRATION, unit, sub="dashboard")
    return await every_page(client, f"/api/v1/events?x=1{query}", machine, after, limit)


def of_dossiers(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for item in items if item["type"].startswith("vn.gov.motcua.dossier.")]


async def test_an_integration_client_reads_cloud_events_in_order_and_resumes_anywhere(
    app: App, client: httpx.AsyncClient
) -> None:
    mai, kim_tan, far = await three_dossiers_across_the_province(app, client)

    # The province's client also reads the unit registry (public law): here, its dossiers.
    everything = of_dossiers(await feed(client, PROVINCE))
    positions = [item["position"] for item in everything]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert {item["subject"] for item in everything} == {mai["id"], kim_tan["id"], far["id"]}
    transfer = next(i for i in everything if i["type"] == "vn.gov.motcua.dossier.transferred")
    assert transfer["specversion"] == "1.0" and transfer["subject"] == mai["id"]
    assert transfer["data"]["to_unit"] == CITY and transfer["unit"] == COC_LEU
    assert transfer["datacontenttype"] == "application/json" and transfer["id"]
    text = str(everything)
    assert APPLICANT.full_name not in text and APPLICANT.citizen_id not in text
    assert f"clerk@{COC_LEU}" not in text  # who acted, by name, stays home

    # Any position resumes: from the middle, the rest exactly.
    middle = positions[len(positions) // 2]
    assert of_dossiers(await feed(client, PROVINCE, after=middle, limit=3)) == [
        item for item in everything if item["position"] > middle
    ]
    # Only the asked types.
    received = await feed(client, PROVINCE, query="&type=vn.gov.motcua.dossier.received")
    assert {item["subject"] for item in received} == {mai["id"], kim_tan["id"], far["id"]}
    assert {item["type"] for item in received} == {"vn.gov.motcua.dossier.received"}

    # Scope: a commune's client sees the streams that touched it; the city's, both of its.
    assert {item["subject"] for item in await feed(client, COC_LEU)} == {mai["id"]}
    assert {item["subject"] for item in await feed(client, CITY)} == {mai["id"], kim_tan["id"]}

    first = everything[0]["position"] - 1
    auditor = await client.get(
        f"/api/v1/events?after={first}", headers=bearer(Role.AUDITOR, PROVINCE)
    )
    assert auditor.status_code == 200 and auditor.json()["items"] == everything[:100]
    for role in (Role.CLERK, Role.LEADER, Role.ADMIN):
        refused = await client.get("/api/v1/events", headers=bearer(role, PROVINCE))
        assert refused.status_code == 403, role
    for wrong in ("after=-1", "limit=0", "limit=1001", "type=vn.gov.motcua.nothing"):
        answer = await client.get(f"/api/v1/events?{wrong}", headers=bearer(Role.INTEGRATION))
        assert answer.status_code == 422, wrong
    assert (await client.get("/api/v1/events")).status_code == 401


async def test_an_integration_client_sees_no_dossier_and_the_openapi_lists_the_types(
    client: httpx.AsyncClient,
) -> None:
    mai = await file(client)
    machine = bearer(Role.INTEGRATION, PROVINCE)
    assert (await client.get(f"/api/v1/dossiers/{mai['id']}", headers=machine)).status_code == 404

    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/api/v1/events"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"after", "limit", "type"}
    schema = document["components"]["schemas"]["CloudEvent"]["properties"]["type"]
    assert "vn.gov.motcua.dossier.received" in schema["enum"]
    assert "vn.gov.motcua.permit.issued" in schema["description"]
