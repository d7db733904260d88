"""Signing in through the province's OpenID Connect provider (authorization code with
PKCE), when ``MOTCUA_OIDC_*`` names one.

``/can-bo/dang-nhap/oidc`` sends the browser to the provider with a fresh state, nonce
and S256 code challenge; their secrets wait in a short-lived cookie signed with the JWT
secret (same-site *lax*: the provider's redirect back is a cross-site navigation, which
a strict cookie would not follow). The callback checks the state, redeems the code with
the verifier (:class:`application.identity.IdentityProvider`), and opens the same
session a token would: a token of our own for the officer the provider vouched for.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from application.identity import IdentityProvider, IdentityRefused
from domain.shared import Role
from interfaces.http.auth import OFFICER_ROLES, issue_token
from interfaces.http.errors import Problem
from interfaces.http.state import services_of
from interfaces.web import csrf
from interfaces.web.failures import html_errors, login_page
from interfaces.web.paths import INBOX, OIDC_CALLBACK, STAFF

COOKIE = "motcua_oidc"
_WAIT_SECONDS = 600
_WORKING_DAY_SECONDS = 8 * 3600


def _provider(request: Request) -> IdentityProvider:
    identity = services_of(request).identity
    if identity is None:
        raise Problem(404, "not-found", "no identity provider is configured")
    return identity


def _signed(secret: str, value: str) -> str:
    mac = hmac.new(secret.encode(), f"oidc\0{value}".encode(), hashlib.sha256).hexdigest()
    return f"{value}~{mac}"


def _unsigned(secret: str, cookie: str) -> list[str] | None:
    value = cookie.rpartition("~")[0]
    if not value or not hmac.compare_digest(_signed(secret, value), cookie):
        return None
    return value.split("|")


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _callback_url(request: Request) -> str:
    return str(request.url.replace(path=OIDC_CALLBACK, query="", fragment=""))


@html_errors
async def start(request: Request) -> Response:
    provider = _provider(request)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    target = request.query_params.get("next", INBOX)
    target = target if target.startswith(f"{STAFF}/") and "//" not in target else INBOX
    url = await provider.authorization_url(
        redirect_uri=_callback_url(request),
        state=state,
        nonce=nonce,
        code_challenge=_challenge(verifier),
    )
    away = RedirectResponse(url, status_code=303)
    secret = services_of(request).jwt_secret
    away.set_cookie(
        COOKIE,
        _signed(secret, "|".join((state, nonce, verifier, target))),
        max_age=_WAIT_SECONDS,
        path=STAFF,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return away


@html_errors
async def callback(request: Request) -> Response:
    provider = _provider(request)
    services = services_of(request)
    waiting = _unsigned(services.jwt_secret, request.cookies.get(COOKIE, ""))
    state = request.query_params.get("state", "")
    if waiting is None or len(waiting) != 4 or not hmac.compare_digest(waiting[0], state):
        return login_page(request, INBOX, failed=True, status=401)
    _, nonce, verifier, target = waiting
    try:
        who = await provider.identify(
            code=request.query_params.get("code", ""),
            code_verifier=verifier,
            nonce=nonce,
            redirect_uri=_callback_url(request),
        )
    except IdentityRefused:
        return login_page(request, target, failed=True, status=401)
    if who.role not in OFFICER_ROLES or who.unit not in services.units:
        return login_page(request, target, failed=True, status=401)
    token = issue_token(
        services.jwt_secret, Role(who.role), who.unit, who.sub, _WORKING_DAY_SECONDS
    )
    signed_in = RedirectResponse(target, status_code=303)
    csrf.keep_session(request, signed_in, token)
    signed_in.delete_cookie(COOKIE, path=STAFF)
    return signed_in
