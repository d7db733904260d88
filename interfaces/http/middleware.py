"""One pure ASGI middleware around every request: its id, security headers, one log line,
metrics, and a problem (never a stack trace) for any error no handler expected.

The log line names the route template, not the path, and no query string: paths and
queries can carry a dossier code or a lookup secret; bodies are never logged. An
unexpected error is logged by type and frames, without its message or local variables,
which may quote a citizen's data.
"""

from __future__ import annotations

import re
import time
import traceback
from typing import Any
from uuid import uuid4

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.http.endpoints import openapi_path
from interfaces.http.errors import Problem
from interfaces.http.metrics import HttpMetrics

REQUEST_ID = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}
_UNMATCHED = "<unmatched>"

log = structlog.get_logger("motcua.http")


def request_id_of(scope: Scope) -> str:
    offered = Headers(scope=scope).get(REQUEST_ID, "")
    return offered if _SANE_REQUEST_ID.fullmatch(offered) else uuid4().hex


def route_template(scope: Scope) -> str:
    """The matched route as OpenAPI writes it (``/api/v1/dossiers/{id}``)."""
    path = getattr(scope.get("route"), "path", None)
    return openapi_path(path) if isinstance(path, str) else _UNMATCHED


class Observability:
    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_of(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        answer: dict[str, Any] = {"status": 500, "started": False}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer.update(status=message["status"], started=True)
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID] = request_id
                for name, value in _SECURITY_HEADERS.items():
                    headers[name] = value
                headers.setdefault("Cache-Control", "no-store")
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as error:
            log.error(
                "http.unhandled",
                request_id=request_id,
                route=route_template(scope),
                error=type(error).__qualname__,
                frames="".join(traceback.format_tb(error.__traceback__)),
            )
            if not answer["started"]:
                detail = f"an unexpected error occurred; it was logged as request {request_id}"
                problem = Problem(500, "internal-error", detail)
                await problem.response()(scope, receive, send_with_headers)
        finally:
            seconds = time.perf_counter() - started
            route = route_template(scope)
            status = int(answer["status"])
            self.metrics.observe(scope["method"], route, status, seconds)
            log.info(
                "http.request",
                request_id=request_id,
                method=scope["method"],
                route=route,
                status=status,
                duration_ms=round(seconds * 1000, 1),
            )
