"""The ASGI application: the API's routes and the pages, the middleware, problems for
every failure, and a lifespan that runs the projections and hands the handlers their
:class:`~interfaces.http.state.Services` (use cases, read models, settings values)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import structlog
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from application.ports import Clock
from application.read_replica import read_your_writes
from infrastructure.jwks import JwksKeys
from infrastructure.logging import configure_logging
from infrastructure.oidc import OidcProvider
from infrastructure.postgres.replica import primary_reads
from infrastructure.settings import Settings
from interfaces import web
from interfaces.bootstrap.app import App, bootstrap
from interfaces.collector import server_pace
from interfaces.http import errors
from interfaces.http.auth import PreparedKeys, SharedSecret, TokenKeys
from interfaces.http.metrics import HttpMetrics
from interfaces.http.middleware import Observability
from interfaces.http.rate_limit import GuessLimits
from interfaces.http.routes import api_routes, openapi_document
from interfaces.http.state import Services
from interfaces.web.paths import STAFF_COOKIE

log = structlog.get_logger("motcua.serve")


class PrimaryReads:
    """Each request starts reading views on the primary, whatever the request before it
    in the same task chose (:func:`infrastructure.postgres.replica.primary_reads`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with primary_reads():
            await self.app(scope, receive, send)


def token_keys(settings: Settings) -> TokenKeys:
    if settings.jwks_url:
        return JwksKeys(settings.jwks_url)
    return SharedSecret(settings.jwt_secret)


def services(app: App, keys: TokenKeys, metrics: HttpMetrics, openapi: dict[str, Any]) -> Services:
    return Services(
        dossiers=app.dossiers,
        permits=app.permits,
        enrollments=app.enrollments,
        health_records=app.health_records,
        health_record_documents=app.health_record_documents,
        documents=app.documents,
        payments=app.payments,
        read_models=app.read_models,
        units=app.units,
        catalog=app.catalog,
        clock=app.clock,
        caught_up=read_your_writes(app.projections.caught_up, app.views.replica),
        projection_status=app.projections.status,
        ping=app.store.ping,
        verify_chain=app.verify_chain,
        tokens=keys,
        jwt_secret=app.settings.jwt_secret,
        read_wait_seconds=app.settings.read_wait_seconds,
        guesses=GuessLimits(app.clock.now),
        metrics=metrics,
        openapi=openapi,
        feed=app.feed,
        checkpoint=app.checkpoints.take,
        calendar=app.calendar_office,
        calendar_what_if=app.calendar_what_if,
        at_risk=app.at_risk,
        subscriptions=app.webhooks.subscriptions,
        forms=app.forms,
        portal_ledger=app.portal.ledger,
        notices=app.notice_log,
        identity=identity_provider(app.settings),
        unit_registry=app.unit_registry,
        procedures=app.procedures,
    )


def identity_provider(settings: Settings) -> OidcProvider | None:
    """The province's OpenID Connect provider, when the settings name one."""
    if not (settings.oidc_issuer and settings.oidc_client_id):
        return None
    secret = settings.oidc_client_secret
    return OidcProvider(
        settings.oidc_issuer,
        settings.oidc_client_id,
        secret.get_secret_value() if secret else None,
    )


def create_app(
    settings: Settings | None = None, *, app: App | None = None, clock: Clock | None = None
) -> Starlette:
    """The API over ``app`` when given (the caller keeps and closes it), else over an App
    bootstrapped from ``settings`` (and ``clock``, the system's by default) at startup and
    closed at shutdown."""
    metrics = HttpMetrics()
    document = openapi_document()
    keys = token_keys(settings or (app.settings if app else Settings()))
    middleware = [
        Middleware(web.PageSecurity),
        Middleware(Observability, metrics=metrics),
        Middleware(PrimaryReads),
    ]
    if isinstance(keys, JwksKeys):
        middleware.append(Middleware(PreparedKeys, keys=keys, cookie=STAFF_COOKIE))

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[dict[str, Any]]:
        running = app or await bootstrap(settings, clock=clock)
        try:
            running.start_forms()
            if running.settings.run_projections:
                await running.start_projections()  # read models, relays, permit issuer
            else:
                await running.start_api()  # `motcua projections run` runs them elsewhere
            # one line per process of `serve --workers N`: who is taking connections now
            log.info("serving", pid=os.getpid(), projections=running.settings.run_projections)
            with server_pace():
                yield {"services": services(running, keys, metrics, document)}
        finally:
            await running.stop_projections()
            if app is None:
                await running.close()

    return Starlette(
        routes=[*api_routes(), *web.ROUTES],
        middleware=middleware,
        exception_handlers=dict.fromkeys(errors.HANDLED, errors.handle),
        lifespan=lifespan,
    )


def api_worker() -> Starlette:
    """One of ``motcua serve --workers N``'s processes: settings from the environment."""
    configure_logging()
    return create_app(Settings())
