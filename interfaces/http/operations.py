"""Operations: liveness, readiness (the store answers), Prometheus metrics."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST
from starlette.responses import Response

from application.commands import Result
from interfaces.http import responses
from interfaces.http.endpoints import Call, Endpoint

OK: Result = {"status": "ok"}


async def live(_: Call) -> Result:
    return OK


async def ready(call: Call) -> Result:
    await call.app.store.ping()
    return OK


async def metrics(call: Call) -> Response:
    return Response(call.services.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


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
        "Prometheus text: requests and latencies by route template and status",
        metrics,
        auth=False,
        media_type="text/plain",
        tag="operations",
    ),
)
