"""Bearer tokens: JWTs with the claims sub/role/unit/exp, checked by a :class:`TokenKeys`:
HS256 with ``MOTCUA_JWT_SECRET`` (:class:`SharedSecret`), or RS256/ES256 against the
identity provider's key set (``infrastructure/jwks.py``, with ``MOTCUA_JWKS_URL``).

Each checker accepts its own algorithms only, so ``alg: none`` and HS/RS confusion fail.
The token itself is never logged nor echoed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import jwt
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from application.units.service import Units
from domain.shared import Actor, Role
from interfaces.http.errors import Problem, unauthorized

OFFICER_ROLES = frozenset(
    {Role.CLERK, Role.SPECIALIST, Role.LEADER, Role.AUDITOR, Role.ADMIN, Role.CLINICIAN}
    | {Role.INTEGRATION}
)
_REQUIRED_CLAIMS = ["sub", "role", "unit", "exp"]
_SANE_SUBJECT = re.compile(r"[\x21-\x7e]{1,200}")
_LEEWAY = timedelta(seconds=30)


def issue_token(
    secret: str,
    role: str,
    unit: str,
    sub: str,
    ttl: float = 8 * 3600,
    *,
    now: datetime | None = None,
) -> str:
    """A signed token for an officer, valid ``ttl`` seconds; ``motcua token`` prints one."""
    if role not in OFFICER_ROLES:
        raise ValueError(f"role must be one of {', '.join(sorted(OFFICER_ROLES))}")
    issued = now or datetime.now(UTC)
    claims = {
        "sub": sub,
        "role": role,
        "unit": unit,
        "iat": issued,
        "exp": issued + timedelta(seconds=ttl),
    }
    return jwt.encode(claims, secret, algorithm="HS256")


class TokenKeys(Protocol):
    async def prepare(self, token: str) -> None:
        """Have at hand the key the token names (a key set may need fetching again)."""

    def claims(self, token: str) -> dict[str, Any]:
        """The claims of a token whose signature and times hold; else a PyJWTError."""


class SharedSecret:
    """HS256 with the server's own secret: what ``motcua token`` issues."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    async def prepare(self, token: str) -> None:
        return None

    def claims(self, token: str) -> dict[str, Any]:
        claims: dict[str, Any] = jwt.decode(
            token, self.secret, algorithms=["HS256"], leeway=_LEEWAY
        )
        return claims


class PreparedKeys:
    """Before any handler runs, the key that a request's token names (in its Authorization
    header, or in ``cookie`` for the pages) is made ready, so checking it stays a plain
    function call. Only needed for a key set that may change (JWKS)."""

    def __init__(self, app: ASGIApp, keys: TokenKeys, cookie: str) -> None:
        self.app = app
        self.keys = keys
        self.cookie = cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            token = bearer_token(request) or request.cookies.get(self.cookie)
            if token:
                await self.keys.prepare(token)
        await self.app(scope, receive, send)


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def authenticate(request: Request, keys: TokenKeys, units: Units) -> Actor:
    """The officer the request's bearer token names, or a 401 problem; a 403 naming the
    successors when the token's unit has ceased (its officers now work for them). The keys
    must have been prepared for the token (the API and the pages do so before their
    handlers)."""
    token = bearer_token(request)
    if token is None:
        raise unauthorized("send Authorization: Bearer <token>")
    try:
        claims = keys.claims(token)
    except jwt.PyJWTError:
        raise unauthorized("the token is invalid or has expired") from None
    if any(claim not in claims for claim in _REQUIRED_CLAIMS):
        raise unauthorized("the token lacks one of the claims sub, role, unit, exp")
    sub, role, unit = claims["sub"], claims["role"], claims["unit"]
    if not (isinstance(sub, str) and _SANE_SUBJECT.fullmatch(sub)):
        raise unauthorized("the token's subject is not usable")
    if not isinstance(role, str) or role not in OFFICER_ROLES:
        raise unauthorized("the token's role is not one this service knows")
    if not isinstance(unit, str):
        raise unauthorized("the token's unit is not an administrative unit here")
    if unit not in units.in_force:
        raise _not_in_force(unit, units)
    return Actor(sub=sub, role=Role(role), unit=unit)


def _not_in_force(unit: str, units: Units) -> Problem:
    successors = units.successors_of_ceased(unit)
    if successors is None:
        return unauthorized("the token's unit is not an administrative unit here")
    named = ", ".join(f"{code} ({units.in_force.get(code).name})" for code in successors)
    return Problem(
        403,
        "forbidden",
        f"unit {unit} has ceased; its work is now done by {named or 'no unit in force'}",
        extra={"successors": list(successors)},
    )
