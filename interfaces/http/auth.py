"""Bearer tokens: HS256 JWTs signed with ``MOTCUA_JWT_SECRET``, claims sub/role/unit/exp.

Only HS256 is accepted, so ``alg: none`` and HS/RS confusion fail. The token itself is
never logged nor echoed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import jwt
from starlette.requests import Request

from application.units.service import Units
from domain.shared import Actor, Role
from interfaces.http.errors import Problem, unauthorized

OFFICER_ROLES = frozenset(
    {Role.CLERK, Role.SPECIALIST, Role.LEADER, Role.AUDITOR, Role.ADMIN, Role.CLINICIAN}
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


def authenticate(request: Request, secret: str, units: Units) -> Actor:
    """The officer the request's bearer token names, or a 401 problem; a 403 naming the
    successors when the token's unit has ceased (its officers now work for them)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("send Authorization: Bearer <token>")
    try:
        claims = jwt.decode(
            token.strip(),
            secret,
            algorithms=["HS256"],
            options={"require": _REQUIRED_CLAIMS},
            leeway=_LEEWAY,
        )
    except jwt.PyJWTError:
        raise unauthorized("the token is invalid or has expired") from None
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
