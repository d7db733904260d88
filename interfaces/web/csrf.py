"""The staff session's cookie and the CSRF token every staff form carries.

The session is the API's bearer token, kept in an http-only, same-site strict cookie
scoped to ``/can-bo`` that lives :data:`SESSION_SECONDS` and is renewed by each staff
page (an idle desk is signed out; the token's own ``exp`` still bounds it).

A form's CSRF token is an HMAC of the session under the server's JWT secret: bound to
this session, unknown to another site, and needing no server-side store. Before a
session exists (the sign-in form) the token is a random value that a cookie of its own
repeats (double submit), so another site cannot sign an officer in as someone else.
A request that authenticates with an ``Authorization`` header (a client calling like
the API) carries no ambient credential and needs no CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import Response

from interfaces.http.errors import Problem
from interfaces.web.paths import STAFF, STAFF_COOKIE

SESSION_SECONDS = 30 * 60
PRE_SESSION_COOKIE = "motcua_csrf"
FIELD = "csrf"


def token_for(secret: str, session: str) -> str:
    return hmac.new(secret.encode(), f"csrf\0{session}".encode(), hashlib.sha256).hexdigest()[:40]


def _strict_cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        max_age=SESSION_SECONDS,
        path=STAFF,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def keep_session(request: Request, response: Response, session: str) -> None:
    """Set (or renew) the session cookie."""
    _strict_cookie(request, response, STAFF_COOKIE, session)


def pre_session_value(request: Request) -> str:
    """The sign-in form's token: the browser's pre-session cookie, made when missing."""
    return request.cookies.get(PRE_SESSION_COOKIE) or secrets.token_urlsafe(24)


def keep_pre_session(request: Request, response: Response, value: str) -> None:
    _strict_cookie(request, response, PRE_SESSION_COOKIE, value)


def check(request: Request, form: dict[str, str], secret: str) -> None:
    """Refuse (403) a form post whose CSRF token is missing or not this session's."""
    if "authorization" in request.headers:
        return
    session = request.cookies.get(STAFF_COOKIE)
    sent = form.get(FIELD, "")
    expected = token_for(secret, session) if session else ""
    if not (sent and expected and hmac.compare_digest(sent, expected)):
        raise Problem(
            403,
            "forbidden",
            "the form's CSRF token is missing or not this session's",
            extra={"csrf": True},
        )


def check_pre_session(request: Request, form: dict[str, str]) -> None:
    """The sign-in form's token must repeat its cookie."""
    cookie, sent = request.cookies.get(PRE_SESSION_COOKIE, ""), form.get(FIELD, "")
    if not (cookie and sent and hmac.compare_digest(cookie, sent)):
        raise Problem(
            403,
            "forbidden",
            "the sign-in form's CSRF token is missing or stale",
            extra={"csrf": True},
        )
