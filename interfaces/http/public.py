"""Citizen routes: no token; the dossier code and the secret printed on the receipt.

A wrong secret and an unknown code answer the same 404, and both count as a failed
guess for the client's address and for the code; past the limit the answer is 429.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from application.context import Context
from application.dossiers import commands, views
from application.dossiers.service import Dossiers
from application.errors import NotFound
from domain.dossiers.dossier import Dossier
from domain.shared import Actor, Role
from interfaces.http import responses, schemas
from interfaces.http.commands import Command
from interfaces.http.dossiers import CITIZEN_ACTIONS, COMMANDS
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.errors import rate_limited
from interfaces.http.inputs import client_address

PUBLIC_DOSSIER = "/api/v1/public/dossiers/{code}"
ONLINE = "citizen:online"
_LONGEST_CODE = 64  # longer path values are no code; they count under their first 64 chars

T = TypeVar("T")


async def guarded(call: Call, attempt: Callable[[], Awaitable[T]]) -> T:
    """Run ``attempt`` with the code and secret unless this client or code has guessed
    wrong too often; count its NotFound as a failed guess."""
    address, code = client_address(call.request), call.path["code"][:_LONGEST_CODE]
    guesses = call.services.guesses
    if wait := guesses.retry_after(address, code):
        raise rate_limited(wait)
    try:
        return await attempt()
    except NotFound:
        guesses.failed(address, code)
        raise


async def lookup(call: Call) -> Any:
    query: schemas.SecretQuery = call.query
    code, statuses = call.path["code"], call.services.read_models.public_status
    return await guarded(call, lambda: statuses.lookup(code, query.secret))


def citizen_command(entry: Command[Dossiers]) -> Endpoint:
    async def run(call: Call) -> views.DossierView:
        query: schemas.SecretQuery = call.query
        code: str = call.path["code"]
        dossiers = call.services.dossiers
        citizen: Context = await guarded(call, lambda: dossiers.citizen(code, query.secret))
        context = call.context(citizen.actor)
        answer: views.DossierView = await entry.run(
            dossiers, context, Dossier.id_for(code), call.body
        )
        return answer

    return Endpoint(
        "POST",
        f"{PUBLIC_DOSSIER}/{entry.action}",
        f"citizen_{entry.action}",
        entry.summary,
        run,
        responses.CitizenAnswer,
        query=schemas.SecretQuery,
        body=entry.body,
        auth=False,
        etag=True,
        command=True,
        errors=(403, 409, 429, 503),
        tag="citizens",
    )


async def submit_online(call: Call) -> views.Receipt:
    body: commands.SubmitOnline = call.body
    actor = Actor(sub=ONLINE, role=Role.CITIZEN, unit=body.receiving_unit)
    return await call.services.dossiers.submit_online(call.context(actor), body)


ENDPOINTS = (
    Endpoint(
        "POST",
        "/api/v1/public/dossiers",
        "submit_online",
        "File a dossier online; it waits for a desk clerk's check (status submitted)",
        submit_online,
        responses.OnlineReceipt,
        status=201,
        body=commands.SubmitOnline,
        auth=False,
        etag=True,
        command=True,
        errors=(409, 503),
        tag="citizens",
    ),
    Endpoint(
        "GET",
        PUBLIC_DOSSIER,
        "citizen_lookup",
        "Where the citizen's dossier is and has been",
        lookup,
        views.PublicStatus,
        query=schemas.SecretQuery,
        auth=False,
        errors=(429, 503),
        tag="citizens",
        reads="public_status",
    ),
    *(citizen_command(COMMANDS[action]) for action in CITIZEN_ACTIONS),
)
