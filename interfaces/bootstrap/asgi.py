"""The ASGI application: the API's routes and the pages, the middleware, problems for
every failure, and a lifespan that runs the projections and hands the handlers their
:class:`~interfaces.http.state.Services` (use cases, read models, settings values)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware

from application.ports import Clock
from infrastructure.settings import Settings
from interfaces import web
from interfaces.bootstrap.app import App, bootstrap
from interfaces.collector import server_pace
from interfaces.http import errors
from interfaces.http.metrics import HttpMetrics
from interfaces.http.middleware import Observability
from interfaces.http.rate_limit import GuessLimits
from interfaces.http.routes import api_routes, openapi_document
from interfaces.http.state import Services


def services(app: App, metrics: HttpMetrics, openapi: dict[str, Any]) -> Services:
    return Services(
        dossiers=app.dossiers,
        permits=app.permits,
        enrollments=app.enrollments,
        health_records=app.health_records,
        read_models=app.read_models,
        units=app.units,
        catalog=app.catalog,
        clock=app.clock,
        caught_up=app.projections.caught_up,
        projection_status=app.projections.status,
        ping=app.store.ping,
        verify_chain=app.verify_chain,
        jwt_secret=app.settings.jwt_secret,
        read_wait_seconds=app.settings.read_wait_seconds,
        guesses=GuessLimits(app.clock.now),
        metrics=metrics,
        openapi=openapi,
        unit_registry=app.unit_registry,
    )


def create_app(
    settings: Settings | None = None, *, app: App | None = None, clock: Clock | None = None
) -> Starlette:
    """The API over ``app`` when given (the caller keeps and closes it), else over an App
    bootstrapped from ``settings`` (and ``clock``, the system's by default) at startup and
    closed at shutdown."""
    metrics = HttpMetrics()
    document = openapi_document()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[dict[str, Any]]:
        running = app or await bootstrap(settings, clock=clock)
        try:
            await running.start_projections()  # the read models and the permit issuer
            with server_pace():
                yield {"services": services(running, metrics, document)}
        finally:
            await running.stop_projections()
            if app is None:
                await running.close()

    return Starlette(
        routes=[*api_routes(), *web.ROUTES],
        middleware=[Middleware(web.PageSecurity), Middleware(Observability, metrics=metrics)],
        exception_handlers=dict.fromkeys(errors.HANDLED, errors.handle),
        lifespan=lifespan,
    )
