"""The API's route table, and the OpenAPI document generated from it."""

from __future__ import annotations

from functools import cache
from typing import Any

from starlette.routing import Route

from interfaces.http import (
    audit,
    documents,
    dossiers,
    enrollments,
    feed,
    forms,
    health_record_documents,
    health_records,
    notices,
    openapi,
    operations,
    payments,
    permits,
    portal,
    public,
    reference,
    statistics,
    subscriptions,
    units,
)
from interfaces.http import calendar as calendar_routes
from interfaces.http.endpoints import routes

ENDPOINTS = (
    *reference.ENDPOINTS,
    *dossiers.ENDPOINTS,
    *documents.ENDPOINTS,
    *payments.ENDPOINTS,
    *public.ENDPOINTS,
    *audit.ENDPOINTS,
    *statistics.ENDPOINTS,
    *operations.ENDPOINTS,
    *permits.ENDPOINTS,
    *enrollments.ENDPOINTS,
    *health_records.ENDPOINTS,
    *health_record_documents.ENDPOINTS,
    *feed.ENDPOINTS,
    *calendar_routes.ENDPOINTS,
    *subscriptions.ENDPOINTS,
    *forms.ENDPOINTS,
    *portal.ENDPOINTS,
    *notices.ENDPOINTS,
    *units.ENDPOINTS,
    openapi.ENDPOINT,
)


def api_routes() -> list[Route]:
    return routes(ENDPOINTS)


@cache
def openapi_document() -> dict[str, Any]:
    """Built once per process (a third of a second); nothing changes it after."""
    return openapi.document(ENDPOINTS)
