"""The dossier list: dossiers in the caller's scope, newest filing first, by status,
procedure and text (a substring of the code or the applicant's name).

Scope is stored, not computed per query: a dossier is listed under each unit it has
visited (what officers of that unit see) and under each of those units' ancestors
(what auditors there see), so a page is one index range of one (reach, unit).

Text is matched without diacritics or case: "nguyen", "Nguyễn" and "NGUYEN" all find
"Nguyễn", and "dang" finds "Đặng" (Vietnamese đ folds to d).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any, Protocol

from application.commands import Result
from domain.dossiers.status import Status
from domain.shared import Actor, Role
from domain.units import UnitTree
from projections.cursors import decode_cursor
from projections.dossier_documents import page_of, with_ancestors
from projections.dossier_states import DOSSIER_TOPICS, DossierStates, ListedDossier
from projections.ports import Envelope

_OFFICERS = frozenset({Role.CLERK, Role.SPECIALIST, Role.LEADER})
_NOT_SEARCHABLE = str.maketrans("", "", "%_\\")


def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def search_text(code: str, applicant_name: str) -> str:
    """What a text query is matched against: the two fields on separate lines, so that no
    query (a single line) matches across them."""
    return f"{fold(code)}\n{fold(applicant_name)}"


def needle(query: str) -> str:
    """The folded query, without LIKE's wildcard and escape characters."""
    return fold(query).translate(_NOT_SEARCHABLE)


class Reach(StrEnum):
    VISITED = "visited"
    """Officers of the unit see the dossier: it was received at or passed through it."""
    WITHIN = "within"
    """Auditors of the unit see it: it touched the unit's subtree."""


@dataclass(frozen=True)
class SearchDossier(ListedDossier):
    """A dossier as listed. Its text and document are computed when first asked for: a
    view that writes once per transaction computes them once, for the last state."""

    reach: frozenset[tuple[Reach, str]]
    new: bool = False
    """Its first event: a view may index its text now and never again (the code and the
    applicant's name do not change)."""

    @property
    def procedure(self) -> str:
        return self.change.after.procedure_code

    @cached_property
    def text(self) -> str:
        return search_text(self.change.after.code, self.change.after.applicant.full_name)


@dataclass(frozen=True)
class SearchLine:
    filed: int
    document: dict[str, Any]


class SearchView(Protocol):
    async def put(self, dossier: SearchDossier) -> None:
        """Replace everything the view holds about this dossier."""
        ...


class SearchReader(Protocol):
    async def page(
        self,
        reach: Reach,
        unit: str,
        *,
        status: str | None,
        procedure: str | None,
        text: str | None,
        before: int | None,
        limit: int,
    ) -> list[SearchLine]:
        """Dossiers listed under (reach, unit), matching the filters, newest filing first,
        filed before ``before``; ``text`` is a folded substring of the search text."""
        ...


class SearchProjection:
    name = "search"
    version = 2
    """2: documents show the fee, its payment and the possible duplicates."""
    topics: frozenset[str] | None = DOSSIER_TOPICS

    def __init__(self, states: DossierStates, units: UnitTree) -> None:
        self.states = states
        self.units = units

    async def handle(self, envelope: Envelope, view: SearchView) -> None:
        change = await self.states.change(envelope)
        after = change.after
        visited = frozenset(after.visited_units)
        reach = frozenset(
            {(Reach.VISITED, unit) for unit in visited}
            | {(Reach.WITHIN, unit) for unit in with_ancestors(self.units, visited)}
        )
        await view.put(SearchDossier(change, reach, new=change.before is None))


class Search:
    """``GET /api/v1/dossiers``: staff views of the dossiers, newest filing first."""

    def __init__(self, reader: SearchReader, today: Callable[[], date]) -> None:
        self.reader = reader
        self.today = today

    async def page(
        self,
        actor: Actor,
        *,
        status: Status | None = None,
        procedure: str | None = None,
        q: str | None = None,
        cursor: str | None = None,
        limit: int = 20,
        today: date | None = None,
    ) -> Result:
        today = today or self.today()
        before = -int(decode_cursor(cursor, (int,))[0]) if cursor is not None else None
        if actor.role in _OFFICERS:
            reach = Reach.VISITED
        elif actor.role == Role.AUDITOR:
            reach = Reach.WITHIN
        else:
            return {"items": [], "next_cursor": None}
        text = needle(q) if q else ""
        lines = await self.reader.page(
            reach,
            actor.unit,
            status=status.value if status is not None else None,
            procedure=procedure,
            text=text or None,
            before=before,
            limit=limit + 1,
        )
        return page_of(lines, limit, today, lambda line: (-line.filed,))
