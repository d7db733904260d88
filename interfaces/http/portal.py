"""``GET /api/v1/portal/sync``: the national portal sync of a unit's dossiers."""

from __future__ import annotations

from pydantic import Field

from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.fields import UnitCode
from interfaces.http.schemas import Query
from projections.outbound.portal.report import SyncReport, sync_report


class PortalSyncQuery(Query):
    unit: UnitCode | None = Field(
        None, description="Default: the caller's unit; dossiers received below it count too"
    )


async def sync(call: Call) -> SyncReport:
    query: PortalSyncQuery = call.query
    return await sync_report(
        call.services.portal_ledger, call.services.units, call.officer, query.unit
    )


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/portal/sync",
        "portal_sync",
        "How many dossiers are synced with the national portal (Cổng DVCQG), pending, or "
        "failed and held (their later steps wait); failed and pending ones listed first",
        sync,
        SyncReport,
        query=PortalSyncQuery,
        errors=(403, 404),
        tag="integration",
    ),
)
