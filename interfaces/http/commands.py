"""The dossier commands as one table: URL action, body, and the use case it runs.

Staff routes (``dossiers.py``) and citizen routes (``public.py``) both build their
command endpoints from this table. Other contexts keep tables of the same
:class:`Command` (permits, enrollments, health records; see ``command_routes.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel

from application.commands import Result
from application.context import Context
from application.dossiers import Dossiers
from domain.dossiers.dossier import Document
from interfaces.http import schemas

B = TypeVar("B", bound=BaseModel)


@dataclass(frozen=True)
class Command(Generic[B]):
    action: str
    summary: str
    body: type[B]
    run: Callable[[Any, Context, Any, B], Awaitable[Result]]
    """(the context's service, the command's context, the id in the path, the body)"""


def command(
    action: str,
    summary: str,
    body: type[B],
    run: Callable[[Dossiers, Context, UUID, B], Awaitable[Result]],
) -> Command[Any]:
    """A table entry; the body type is checked against ``run`` here, then erased."""
    return Command(action, summary, body, run)


def documents(items: list[schemas.DocumentIn]) -> tuple[Document, ...]:
    return tuple(Document(name=item.name, sha256=item.sha256) for item in items)


COMMANDS: dict[str, Command[Any]] = {
    entry.action: entry
    for entry in (
        command(
            "receive",
            "Receive an online submission at the desk: processing starts, the due date is set",
            schemas.NoBody,
            lambda d, c, i, b: d.receive(c, i),
        ),
        command(
            "refuse-intake",
            "Refuse an online submission at intake",
            schemas.ReasonBody,
            lambda d, c, i, b: d.refuse_intake(c, i, b.reason),
        ),
        command(
            "request-supplement",
            "Ask for missing documents: the statutory clock stops",
            schemas.RequestSupplement,
            lambda d, c, i, b: d.request_supplement(c, i, b.reason, tuple(b.documents)),
        ),
        command(
            "supplement",
            "Hand in the documents asked for: the clock resumes, the due date moves on",
            schemas.Supplement,
            lambda d, c, i, b: d.supplement(c, i, documents(b.documents)),
        ),
        command(
            "transfer",
            "Transfer to the unit of the route's next step",
            schemas.Transfer,
            lambda d, c, i, b: d.transfer(c, i, b.to_unit, b.note),
        ),
        command(
            "approve",
            "Approve where the route decides; the result goes back to the receiving unit",
            schemas.Approve,
            lambda d, c, i, b: d.approve(c, i, b.result, b.note),
        ),
        command(
            "refuse",
            "Refuse, with written reasons; the dossier goes back to the receiving unit",
            schemas.ReasonBody,
            lambda d, c, i, b: d.refuse(c, i, b.reason),
        ),
        command(
            "apologize",
            "Apologise and set a later appointment; the dossier counts as late",
            schemas.Apologize,
            lambda d, c, i, b: d.apologize(c, i, b.reason, b.new_due_date),
        ),
        command(
            "return-result",
            "Return the result to the citizen",
            schemas.ReturnResult,
            lambda d, c, i, b: d.return_result(c, i, b.channel),
        ),
        command(
            "withdraw",
            "Withdraw the dossier at the citizen's request, before a decision",
            schemas.ReasonBody,
            lambda d, c, i, b: d.withdraw(c, i, b.reason),
        ),
        command(
            "rate",
            "Rate the service once the result is returned",
            schemas.Rate,
            lambda d, c, i, b: d.rate(c, i, b.rating, b.comment),
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
)
CITIZEN_ACTIONS = ("withdraw", "supplement", "rate")
