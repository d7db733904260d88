"""The ASGI application: the route table, the middleware, problems for every failure, and
a lifespan that runs the projections and hands the bootstrapped :class:`App` to the
handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware

from infrastructure.settings import Settings
from interfaces import web
from interfaces.bootstrap import App, bootstrap
from interfaces.collector import server_pace
from interfaces.http import (
    audit,
    dossiers,
    enrollments,
    errors,
    health_records,
    openapi,
    operations,
    permits,
    public,
    reference,
    statistics,
)
from interfaces.http.endpoints import routes
from interfaces.http.metrics import HttpMetrics
from interfaces.http.middleware import Observability
from interfaces.http.rate_limit import GuessLimits
from interfaces.http.state import Services

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
    openapi.ENDPOINT,
)


def create_app(settings: Settings | None = None, *, app: App | None = None) -> Starlette:
    """The API over ``app`` when given (the caller keeps and closes it), else over an App
    bootstrapped from ``settings`` at startup and closed at shutdown."""
    metrics = HttpMetrics()
    document = openapi.document(ENDPOINTS)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[dict[str, Any]]:
        running = app or await bootstrap(settings)
        guesses = GuessLimits(running.clock.now)
        try:
            await running.start_projections()  # the read models and the permit issuer
            with server_pace():
                yield {"services": Services(running, guesses, metrics, document)}
        finally:
            await running.stop_projections()
            if app is None:
                await running.close()

    return Starlette(
        routes=[*routes(ENDPOINTS), *web.ROUTES],
        middleware=[Middleware(web.PageSecurity), Middleware(Observability, metrics=metrics)],
        exception_handlers=dict.fromkeys(errors.HANDLED, errors.handle),
        lifespan=lifespan,
    )
