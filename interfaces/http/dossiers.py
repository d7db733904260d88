"""Staff routes: filing at the desk, reading, listing, the inbox, history, and commands."""

from __future__ import annotations

from typing import Any

from application.commands import Result
from domain.dossiers.dossier import Applicant
from interfaces.http import responses, schemas
from interfaces.http.commands import COMMANDS, STAFF_ACTIONS, Command, documents
from interfaces.http.endpoints import Call, Endpoint

DOSSIER = "/api/v1/dossiers/{id:uuid}"


def applicant(body: schemas.ApplicantIn) -> Applicant:
    return Applicant(
        full_name=body.full_name,
        citizen_id=body.citizen_id,
        phone=body.phone,
        address=body.address,
    )


async def file_at_desk(call: Call) -> Result:
    body: schemas.FileDossier = call.body
    return await call.app.dossiers.receive_at_desk(
        call.context(call.officer),
        body.procedure_code,
        applicant(body.applicant),
        documents(body.documents),
        body.channel,
    )


async def search(call: Call) -> Result:
    query: schemas.SearchQuery = call.query
    return await call.app.read_models.search.page(
        call.officer,
        status=query.status,
        procedure=query.procedure,
        q=query.q,
        cursor=query.cursor,
        limit=query.limit,
    )


async def inbox(call: Call) -> Result:
    query: schemas.InboxQuery = call.query
    return await call.app.read_models.inbox.page(
        call.officer,
        status=query.status,
        overdue=query.overdue,
        cursor=query.cursor,
        limit=query.limit,
    )


async def get(call: Call) -> Result:
    return await call.app.dossiers.get(call.officer, call.path["id"])


async def history(call: Call) -> Result:
    query: schemas.HistoryQuery = call.query
    if query.as_of is None:
        return await call.app.dossiers.history(call.officer, call.path["id"])
    return await call.app.dossiers.as_of(call.officer, call.path["id"], query.as_of)


def staff_command(entry: Command[Any]) -> Endpoint:
    async def run(call: Call) -> Result:
        context = call.context(call.officer)
        return await entry.run(call.app.dossiers, context, call.path["id"], call.body)

    return Endpoint(
        "POST",
        f"{DOSSIER}/{entry.action}",
        f"dossier_{entry.action.replace('-', '_')}",
        entry.summary,
        run,
        responses.DossierOut,
        body=entry.body,
        etag=True,
        command=True,
        errors=(403, 409, 503),
    )


ENDPOINTS = (
    Endpoint(
        "POST",
        "/api/v1/dossiers",
        "file_dossier",
        "File and receive a dossier at the clerk's desk; the answer shows the lookup secret",
        file_at_desk,
        responses.Receipt,
        status=201,
        body=schemas.FileDossier,
        etag=True,
        command=True,
        errors=(403, 409, 503),
    ),
    Endpoint(
        "GET",
        "/api/v1/dossiers",
        "search_dossiers",
        "Dossiers in the caller's scope, newest first",
        search,
        responses.DossierPage,
        query=schemas.SearchQuery,
        errors=(503,),
        reads="search",
    ),
    Endpoint(
        "GET",
        "/api/v1/inbox",
        "inbox",
        "Dossiers at the caller's unit awaiting the caller's role, earliest due date first",
        inbox,
        responses.DossierPage,
        query=schemas.InboxQuery,
        errors=(503,),
        reads="inbox",
    ),
    Endpoint(
        "GET",
        DOSSIER,
        "get_dossier",
        "One dossier",
        get,
        responses.DossierOut,
        etag=True,
        errors=(503,),
    ),
    Endpoint(
        "GET",
        f"{DOSSIER}/history",
        "dossier_history",
        "Every event of the dossier, or (with as_of) the dossier as it was then",
        history,
        responses.History | responses.AsOf,
        query=schemas.HistoryQuery,
        errors=(503,),
    ),
    *(staff_command(COMMANDS[action]) for action in STAFF_ACTIONS),
)
