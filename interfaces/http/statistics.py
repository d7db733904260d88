"""``GET /api/v1/stats``: the figures units report upward, for officers and auditors."""

from __future__ import annotations

from typing import Any

from interfaces.http import responses, schemas
from interfaces.http.endpoints import Call, Endpoint


async def report(call: Call) -> dict[str, Any]:
    query: schemas.StatsQuery = call.query
    return await call.services.read_models.statistics.report(
        call.officer,
        unit=query.unit,
        first=query.first,
        last=query.last,
        procedure=query.procedure,
        geography=query.geography,
    )


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/stats",
        "statistics",
        "Figures per procedure of a unit in the caller's scope, its subtree included, "
        "for a period (default: this month up to today)",
        report,
        responses.Stats,
        query=schemas.StatsQuery,
        errors=(403, 404, 503),
        tag="statistics",
        reads="statistics",
    ),
)
