"""Operations: liveness, readiness (the store answers), Prometheus metrics, and the
projections' status."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.responses import Response

from application.errors import Forbidden
from application.ports import StoreError
from domain.shared import Role
from interfaces.http import responses
from interfaces.http.endpoints import Call, Endpoint

OK: dict[str, Any] = {"status": "ok"}


async def live(_: Call) -> dict[str, Any]:
    return OK


async def ready(call: Call) -> dict[str, Any]:
    await call.services.ping()
    return OK


async def metrics(call: Call) -> Response:
    try:
        statuses = await call.services.projection_status()
    except StoreError:
        statuses = None  # the request metrics still answer while the store does not
    call.services.metrics.projections(statuses)
    return Response(call.services.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


async def projections(call: Call) -> dict[str, Any]:
    if call.officer.role not in (Role.ADMIN, Role.AUDITOR):
        raise Forbidden("the projections' status is for administrators and auditors")
    return {"items": [asdict(status) for status in await call.services.projection_status()]}


ENDPOINTS = (
    Endpoint(
        "GET",
        "/health/live",
        "live",
        "The process is up",
        live,
        responses.Health,
        auth=False,
        tag="operations",
    ),
    Endpoint(
        "GET",
        "/health/ready",
        "ready",
        "The event store answers",
        ready,
        responses.Health,
        auth=False,
        errors=(503,),
        tag="operations",
    ),
    Endpoint(
        "GET",
        "/metrics",
        "metrics",
        "Prometheus text: requests and latencies by route template and status, projections' "
        "positions and lag",
        metrics,
        auth=False,
        media_type="text/plain",
        tag="operations",
    ),
    Endpoint(
        "GET",
        "/api/v1/admin/projections",
        "projections",
        "Each read model's projection: version, state, position, lag and last error",
        projections,
        responses.ProjectionList,
        errors=(403, 503),
        tag="operations",
    ),
)
