"""Permit routes: staff reads and the issuing unit's changes, and the public check."""

from __future__ import annotations

from application.permits import views
from application.permits.service import Permits
from interfaces.http.commands import command, command_endpoint
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.history import history_endpoint
from interfaces.http.state import Services

PERMIT = "/api/v1/permits/{number}"

COMMANDS = (
    command("amend", "Amend the permit's scope", Permits.amend),
    command("extend", "Extend the permit to a later end date", Permits.extend),
    command("suspend", "Suspend a valid permit, with the reason", Permits.suspend),
    command("reinstate", "Lift a suspension, with the reason", Permits.reinstate),
    command("revoke", "Revoke the permit for good, with the reason", Permits.revoke),
)


def _permits(services: Services) -> Permits:
    return services.permits


async def get(call: Call) -> views.PermitView:
    return await call.services.permits.get(call.officer, call.path["number"])


async def check(call: Call) -> views.PublicPermit:
    return await call.services.permits.check(call.path["number"])


ENDPOINTS = (
    Endpoint(
        "GET",
        PERMIT,
        "get_permit",
        "One permit (officers of the issuing unit, auditors above it); status as of today",
        get,
        views.PermitView,
        etag=True,
        errors=(503,),
        tag="permits",
    ),
    history_endpoint(
        PERMIT,
        "number",
        what="permit",
        service=_permits,
        state=views.PermitView,
        name="permit_history",
        tag="permits",
    ),
    *(
        command_endpoint(
            entry,
            resource=PERMIT,
            key="number",
            service=_permits,
            response=views.PermitView,
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
        views.PublicPermit,
        auth=False,
        errors=(503,),
        tag="citizens",
    ),
)
