"""The inbox: dossiers now at a unit awaiting an action of a role there, earliest due first.

One entry per (unit, role) a dossier awaits; the view answers a page of one unit and
role with an index range, in (due date, filing) order. ``overdue`` is computed
against the day the question is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from application.commands import Result
from application.errors import InvalidInput
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import DECIDED, Status
from domain.shared import Actor, Role
from projections.cursors import decode_cursor
from projections.dossier_documents import NO_DUE_DATE, due_ordinal, page_of
from projections.dossier_states import DOSSIER_TOPICS, DossierStates, ListedDossier
from projections.ports import Envelope


def awaiting_roles(dossier: Dossier | None) -> tuple[Role, ...]:
    """The roles at ``dossier.current_unit`` whose action the dossier waits for."""
    if dossier is None:
        return ()
    processing = dossier.status == Status.IN_PROCESSING
    roles: list[Role] = []
    first_leg = processing and dossier.stop == 0
    if dossier.status == Status.SUBMITTED or dossier.status in DECIDED or first_leg:
        roles.append(Role.CLERK)
    if processing:
        roles.append(Role.SPECIALIST)
        if dossier.at_decision_step:
            roles.append(Role.LEADER)
    return tuple(roles)


@dataclass(frozen=True)
class InboxDossier(ListedDossier):
    awaited_by: tuple[tuple[str, str], ...]
    """(unit, role) pairs; empty when nobody awaits it: it leaves every inbox."""

    @property
    def due(self) -> int:
        """Due date as an ordinal; :data:`NO_DUE_DATE` when not yet received."""
        return due_ordinal(self.change.after)

    @property
    def procedure(self) -> str:
        return self.change.after.procedure_code


@dataclass(frozen=True)
class InboxLine:
    due: int
    filed: int
    document: dict[str, Any]


class InboxView(Protocol):
    async def put(self, dossier: InboxDossier) -> None:
        """Replace everything the view holds about this dossier."""
        ...


class InboxReader(Protocol):
    async def page(
        self,
        unit: str,
        role: str,
        *,
        status: str | None,
        overdue: bool | None,
        today: int,
        after: tuple[int, int] | None,
        limit: int,
        procedure: str | None = None,
    ) -> list[InboxLine]:
        """Entries of (unit, role) in (due, filed) order after ``after``, of ``procedure``
        when given. Overdue means in processing with a due date before ``today``
        (ordinals)."""
        ...

    async def counts(self, unit: str, role: str, *, today: int) -> dict[str, int]:
        """How many entries of (unit, role) are in each status, and ``"overdue"``: how
        many of them are overdue on ``today``."""
        ...


class InboxProjection:
    name = "inbox"
    version = 3  # 2: entries name their procedure; 3: documents show fees and duplicates
    topics: frozenset[str] | None = DOSSIER_TOPICS

    def __init__(self, states: DossierStates) -> None:
        self.states = states

    async def handle(self, envelope: Envelope, view: InboxView) -> None:
        change = await self.states.change(envelope)
        after = change.after
        awaited_by = tuple((after.current_unit, role.value) for role in awaiting_roles(after))
        if not awaited_by and not awaiting_roles(change.before):
            return  # in no inbox before or after: nothing to write
        await view.put(InboxDossier(change, awaited_by))


class Inbox:
    """``GET /api/v1/inbox``."""

    def __init__(self, reader: InboxReader, today: Callable[[], date]) -> None:
        self.reader = reader
        self.today = today

    async def page(
        self,
        actor: Actor,
        *,
        status: Status | None = None,
        overdue: bool | None = None,
        cursor: str | None = None,
        limit: int = 20,
        today: date | None = None,
        procedure: str | None = None,
        keep: Callable[[str], bool] | None = None,
    ) -> Result:
        """``keep``: of the dossiers' codes, those to list (the at-risk filter); the view is
        then read on in chunks until the page is full."""
        today = today or self.today()
        after = None
        if cursor is not None:
            due_text, filed = decode_cursor(cursor, (str, int))
            after = (_due_from_text(str(due_text)), int(filed))
        chunk = limit + 1 if keep is None else _CHUNK
        lines: list[InboxLine] = []
        while True:
            read = await self.reader.page(
                actor.unit,
                actor.role.value,
                status=status.value if status is not None else None,
                overdue=overdue,
                today=today.toordinal(),
                after=after,
                limit=chunk,
                procedure=procedure,
            )
            lines += [line for line in read if keep is None or keep(line.document["code"])]
            if len(read) < chunk or len(lines) > limit or keep is None:
                break
            after = (read[-1].due, read[-1].filed)
        return page_of(lines, limit, today, lambda line: (_due_text(line.due), line.filed))

    async def counts(self, actor: Actor, today: date | None = None) -> dict[str, int]:
        """The size of the actor's inbox per status, and how much of it is overdue."""
        today = today or self.today()
        return await self.reader.counts(actor.unit, actor.role.value, today=today.toordinal())


_CHUNK = 200


def _due_text(due: int) -> str:
    return date.max.isoformat() if due == NO_DUE_DATE else date.fromordinal(due).isoformat()


def _due_from_text(text: str) -> int:
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        raise InvalidInput("cursor", "not a cursor of this list") from None
