"""Who the officer is, on the staff pages: the API's bearer token, sent either as the
``Authorization`` header (a client calling like the API) or, from a browser, kept in a
short-lived session cookie by the sign-in form (:mod:`interfaces.web.csrf`).

Either way the API's own :func:`authenticate` checks it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domain.shared import Actor, Role
from interfaces.http.auth import authenticate
from interfaces.http.errors import Problem
from interfaces.http.state import services_of
from interfaces.web import csrf
from interfaces.web.failures import html_errors, login_page
from interfaces.web.forms import read_form
from interfaces.web.paths import SIGN_IN, STAFF, STAFF_COOKIE, STAFF_HOME


def _bearing(request: Request, token: str) -> Request:
    """The request as if it had sent ``token`` in its Authorization header."""
    headers = [(k, v) for k, v in request.scope["headers"] if k != b"authorization"]
    headers.append((b"authorization", f"Bearer {token}".encode("latin-1", "replace")))
    return Request({**request.scope, "headers": headers}, request.receive)


def officer(request: Request, *roles: Role) -> Actor:
    """The signed-in officer, else a 401; of one of ``roles`` when given, else a 403.
    A browser's session is renewed by the page, whose forms carry its CSRF token."""
    services = services_of(request)
    token = request.cookies.get(STAFF_COOKIE)
    by_cookie = bool(token) and "authorization" not in request.headers
    actor = authenticate(
        _bearing(request, token or "") if by_cookie else request,
        services.tokens,
        services.unit_registry,
    )
    if by_cookie and token:
        request.state.session = token
        request.state.csrf = csrf.token_for(services.jwt_secret, token)
    if roles and actor.role not in roles:
        raise Problem(403, "forbidden", "not for this role")
    return actor


def _safe_next(target: str) -> str:
    """Only a staff page of this site: no open redirect."""
    return target if target.startswith(f"{STAFF}/") and "//" not in target else STAFF_HOME


async def sign_in_form(request: Request) -> Response:
    next_page = _safe_next(request.query_params.get("next", STAFF_HOME))
    return login_page(request, next_page, failed=False)


@html_errors
async def sign_in(request: Request) -> Response:
    form = await read_form(request)
    csrf.check_pre_session(request, form)
    token, next_page = form.get("token", "").strip(), _safe_next(form.get("next", STAFF_HOME))
    try:
        officer(_bearing(request, token))
    except Problem:
        return login_page(request, next_page, failed=True, status=401)
    signed_in = RedirectResponse(next_page, status_code=303)
    csrf.keep_session(request, signed_in, token)
    signed_in.delete_cookie(csrf.PRE_SESSION_COOKIE, path=STAFF)
    return signed_in


@html_errors
async def sign_out(request: Request) -> Response:
    form = await read_form(request)
    csrf.check(request, form, services_of(request).jwt_secret)
    signed_out = RedirectResponse(SIGN_IN, status_code=303)
    signed_out.delete_cookie(STAFF_COOKIE, path=STAFF, httponly=True, samesite="strict")
    return signed_out
