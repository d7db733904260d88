"""Staff routes: filing at the desk, reading, listing, the inbox, history, and commands.

The dossier commands' table serves the citizens' routes too (``public.py``)."""

from __future__ import annotations

from typing import Any

from application.dossiers import commands, views
from application.dossiers.service import Dossiers
from interfaces.http import responses, schemas
from interfaces.http.commands import Command, command, command_endpoint
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.history import history_endpoint
from interfaces.http.state import Services

DOSSIER = "/api/v1/dossiers/{id:uuid}"

COMMANDS: dict[str, Command[Dossiers]] = {
    entry.action: entry
    for entry in (
        command(
            "receive",
            "Receive an online submission at the desk: processing starts, the due date is set",
            Dossiers.receive,
        ),
        command("refuse-intake", "Refuse an online submission at intake", Dossiers.refuse_intake),
        command(
            "request-supplement",
            "Ask for missing documents: the statutory clock stops",
            Dossiers.request_supplement,
        ),
        command(
            "supplement",
            "Hand in the documents asked for: the clock resumes, the due date moves on",
            Dossiers.supplement,
        ),
        command("transfer", "Transfer to the unit of the route's next step", Dossiers.transfer),
        command(
            "approve",
            "Approve where the route decides; the result goes back to the receiving unit",
            Dossiers.approve,
        ),
        command(
            "refuse",
            "Refuse, with written reasons; the dossier goes back to the receiving unit",
            Dossiers.refuse,
        ),
        command(
            "apologize",
            "Apologise and set a later appointment; the dossier counts as late",
            Dossiers.apologize,
        ),
        command("return-result", "Return the result to the citizen", Dossiers.return_result),
        command(
            "correct",
            "Correct a decided result (đính chính), with the reason; the old one stays in history",
            Dossiers.correct,
        ),
        command(
            "withdraw",
            "Withdraw the dossier at the citizen's request, before a decision",
            Dossiers.withdraw,
        ),
        command("rate", "Rate the service once the result is returned", Dossiers.rate),
        command(
            "stop",
            "Stop processing (form 05): the dossier ends, the notice is its result",
            Dossiers.stop,
        ),
    )
}

STAFF_ACTIONS = (
    "request-supplement",
    "supplement",
    "transfer",
    "approve",
    "refuse",
    "apologize",
    "return-result",
    "withdraw",
    "refuse-intake",
    "receive",
    "correct",
    "stop",
)
CITIZEN_ACTIONS = ("withdraw", "supplement", "rate")


async def file_at_desk(call: Call) -> views.Receipt:
    return await call.services.dossiers.receive_at_desk(call.context(call.officer), call.body)


async def search(call: Call) -> dict[str, Any]:
    query: schemas.SearchQuery = call.query
    return await call.services.read_models.search.page(
        call.officer,
        status=query.status,
        procedure=query.procedure,
        q=query.q,
        cursor=query.cursor,
        limit=query.limit,
    )


async def inbox(call: Call) -> dict[str, Any]:
    query: schemas.InboxQuery = call.query
    keep = None
    if query.at_risk is not None:
        await call.services.caught_up("due_clocks", call.services.read_wait_seconds)
        risky = {item.code for item in (await call.services.at_risk.dossiers(call.officer)).items}
        wanted = query.at_risk

        def keep(code: str) -> bool:
            return (code in risky) == wanted

    return await call.services.read_models.inbox.page(
        call.officer,
        status=query.status,
        overdue=query.overdue,
        cursor=query.cursor,
        limit=query.limit,
        keep=keep,
    )


async def get(call: Call) -> views.DossierView:
    return await call.services.dossiers.get(call.officer, call.path["id"])


def _dossiers(services: Services) -> Dossiers:
    return services.dossiers


ENDPOINTS = (
    Endpoint(
        "POST",
        "/api/v1/dossiers",
        "file_dossier",
        "File and receive a dossier at the clerk's desk; the answer shows the lookup secret",
        file_at_desk,
        views.Receipt,
        status=201,
        body=commands.FileDossier,
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
        views.DossierView,
        etag=True,
        errors=(503,),
    ),
    history_endpoint(
        DOSSIER,
        "id",
        what="dossier",
        service=_dossiers,
        state=views.DossierView,
        name="dossier_history",
        tag="dossiers",
    ),
    *(
        command_endpoint(
            COMMANDS[action],
            resource=DOSSIER,
            key="id",
            service=_dossiers,
            response=views.DossierView,
            tag="dossiers",
            prefix="dossier",
        )
        for action in STAFF_ACTIONS
    ),
)
