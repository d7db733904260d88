"""Failures as pages: the API's own translation into a problem (status, headers), then a
polite page in the reader's language instead of ``application/problem+json``."""

from __future__ import annotations

import functools
import math
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from interfaces.http.errors import HANDLED, Problem, problem_from
from interfaces.http.state import services_of
from interfaces.web import csrf
from interfaces.web.pages import page, translator
from interfaces.web.paths import STAFF_COOKIE

PageHandler = Callable[[Request], Awaitable[Response]]
_EXPLAINED = frozenset({401, 403, 404, 422, 503})


def wait_minutes(problem: Problem) -> int:
    """Whole minutes (at least one) a rate-limited client is asked to wait."""
    return max(1, math.ceil(int(problem.headers.get("Retry-After", "60")) / 60))


def _sent_credentials(request: Request) -> bool:
    return "authorization" in request.headers or STAFF_COOKIE in request.cookies


def login_page(
    request: Request,
    next_page: str,
    *,
    failed: bool,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The sign-in form, with its pre-session CSRF token (:mod:`interfaces.web.csrf`)."""
    token = csrf.pre_session_value(request)
    oidc = getattr(request.state, "services", None) is not None and services_of(request).identity
    context = {"next": next_page, "failed": failed, "csrf": token, "oidc": bool(oidc)}
    response = page(request, "login.html", context, status=status, headers=headers)
    csrf.keep_pre_session(request, response, token)
    return response


def problem_page(request: Request, problem: Problem) -> Response:
    t = translator(request)
    if problem.status == 401:
        failed = _sent_credentials(request)
        return login_page(
            request, request.url.path, failed=failed, status=401, headers=problem.headers
        )
    if problem.status == 429:
        title, message = (
            t("lookup.limited.title"),
            t("lookup.limited", minutes=wait_minutes(problem)),
        )
    elif problem.extra.get("csrf"):
        title, message = t("error.title"), t("mistake.csrf")
    else:
        key = f"error.{problem.status}" if problem.status in _EXPLAINED else "error.other"
        title, message = t("error.title"), t(key)
    context = {"title": title, "message": message}
    return page(request, "error.html", context, status=problem.status, headers=problem.headers)


def html_errors(handler: PageHandler) -> PageHandler:
    """Answer what the use cases and the HTTP layer raise with a page, not JSON."""

    @functools.wraps(handler)
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except HANDLED as error:
            return problem_page(request, problem_from(error))

    return run
