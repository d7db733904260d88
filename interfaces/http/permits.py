"""Permit routes: staff reads and the issuing unit's changes, and the public check."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from application.commands import Result
from application.context import Context
from application.permits.service import Permits
from domain.permits.permit import PermitStatus
from interfaces.http import responses, schemas
from interfaces.http.command_routes import command_endpoint
from interfaces.http.commands import Command
from interfaces.http.endpoints import Call, Endpoint

PERMIT = "/api/v1/permits/{number}"
B = TypeVar("B", bound=BaseModel)


class Amend(schemas.Body):
    scope: schemas.Reason


class Extend(schemas.Body):
    valid_until: date


class PermitOut(BaseModel):
    number: str
    kind: str
    dossier_id: UUID
    holder: str
    scope: str
    issuing_unit: str
    valid_from: date
    valid_until: date
    status: PermitStatus
    version: int


class PublicPermit(BaseModel):
    number: str
    kind: str
    status: PermitStatus
    valid_from: date
    valid_until: date
    issuing_unit_name: str


def permit_command(
    action: str,
    summary: str,
    body: type[B],
    run: Callable[[Permits, Context, str, B], Awaitable[Result]],
) -> Command[Any]:
    return Command(action, summary, body, run)


COMMANDS = (
    permit_command(
        "amend", "Amend the permit's scope", Amend, lambda p, c, n, b: p.amend(c, n, b.scope)
    ),
    permit_command(
        "extend",
        "Extend the permit to a later end date",
        Extend,
        lambda p, c, n, b: p.extend(c, n, b.valid_until),
    ),
    permit_command(
        "suspend",
        "Suspend a valid permit, with the reason",
        schemas.ReasonBody,
        lambda p, c, n, b: p.suspend(c, n, b.reason),
    ),
    permit_command(
        "reinstate",
        "Lift a suspension, with the reason",
        schemas.ReasonBody,
        lambda p, c, n, b: p.reinstate(c, n, b.reason),
    ),
    permit_command(
        "revoke",
        "Revoke the permit for good, with the reason",
        schemas.ReasonBody,
        lambda p, c, n, b: p.revoke(c, n, b.reason),
    ),
)


async def get(call: Call) -> Result:
    return await call.app.permits.get(call.officer, call.path["number"])


async def history(call: Call) -> Result:
    return await call.app.permits.history(call.officer, call.path["number"])


async def check(call: Call) -> Result:
    return await call.app.permits.check(call.path["number"])


ENDPOINTS = (
    Endpoint(
        "GET",
        PERMIT,
        "get_permit",
        "One permit (officers of the issuing unit, auditors above it); status as of today",
        get,
        PermitOut,
        etag=True,
        errors=(503,),
        tag="permits",
    ),
    Endpoint(
        "GET",
        f"{PERMIT}/history",
        "permit_history",
        "Every event of the permit since its issue",
        history,
        responses.History,
        errors=(503,),
        tag="permits",
    ),
    *(
        command_endpoint(
            entry,
            resource=PERMIT,
            key="number",
            service=lambda call: call.app.permits,
            response=PermitOut,
            tag="permits",
        )
        for entry in COMMANDS
    ),
    Endpoint(
        "GET",
        "/api/v1/public/permits/{number}",
        "check_permit",
        "Check a permit on the spot: is it valid today?",
        check,
        PublicPermit,
        auth=False,
        errors=(503,),
        tag="citizens",
    ),
)
