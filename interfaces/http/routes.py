"""The API's route table, and the OpenAPI document generated from it."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from interfaces.http import (
    audit,
    dossiers,
    enrollments,
    health_records,
    openapi,
    operations,
    permits,
    public,
    reference,
    statistics,
    units,
)
from interfaces.http.endpoints import routes

ENDPOINTS = (
    *reference.ENDPOINTS,
    *dossiers.ENDPOINTS,
    *public.ENDPOINTS,
    *audit.ENDPOINTS,
    *statistics.ENDPOINTS,
    *operations.ENDPOINTS,
    *permits.ENDPOINTS,
    *enrollments.ENDPOINTS,
    *health_records.ENDPOINTS,
    *units.ENDPOINTS,
    openapi.ENDPOINT,
)


def api_routes() -> list[Route]:
    return routes(ENDPOINTS)


def openapi_document() -> dict[str, Any]:
    return openapi.document(ENDPOINTS)
