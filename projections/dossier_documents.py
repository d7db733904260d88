"""What the dossier lists show of a dossier, and the unit sets that scope them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from application.dossiers.views import staff_view
from application.plain import plain
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import Status, overdue
from domain.units import UnitTree
from projections.cursors import SortKey, encode_cursor

NO_DUE_DATE = date.max.toordinal()
"""Sorts dossiers without a due date (not yet received) after all others."""


def document(dossier: Dossier) -> dict[str, Any]:
    """The staff view of the dossier, without ``overdue``: that depends on the day it is
    read, so :func:`with_overdue` adds it at query time."""
    view: dict[str, Any] = plain(staff_view(dossier, date.min))
    del view["overdue"]
    return view


def with_overdue(stored: dict[str, Any], today: date) -> dict[str, Any]:
    """The stored document as :func:`application.dossiers.views.staff_view` gives it."""
    due = stored.get("due_date")
    is_overdue = overdue(Status(stored["status"]), date.fromisoformat(due) if due else None, today)
    view: dict[str, Any] = {}
    for key, value in stored.items():
        view[key] = value
        if key == "due_date":
            view["overdue"] = is_overdue
    return view


class Listed(Protocol):
    @property
    def document(self) -> dict[str, Any]: ...


L = TypeVar("L", bound=Listed)


def page_of(
    lines: Sequence[L], limit: int, today: date, sort_key: Callable[[L], SortKey]
) -> dict[str, Any]:
    """A page of dossier documents from up to ``limit + 1`` lines (the extra one says that
    there is a next page: its cursor is the sort key of the page's last line)."""
    page = lines[:limit]
    more = len(lines) > limit
    return {
        "items": [with_overdue(line.document, today) for line in page],
        "next_cursor": encode_cursor(sort_key(page[-1])) if more else None,
    }


def due_ordinal(dossier: Dossier) -> int:
    return dossier.due_date.toordinal() if dossier.due_date is not None else NO_DUE_DATE


def with_ancestors(units: UnitTree, codes: Iterable[str]) -> frozenset[str]:
    """The units and every unit above them: whose auditors may see what touched them."""
    return _with_ancestors(units.fixed(), frozenset(codes))


@lru_cache(maxsize=4096)
def _with_ancestors(units: UnitTree, codes: frozenset[str]) -> frozenset[str]:
    """Cached: every event asks, about a few sets of units."""
    reach: set[str] = set()
    for code in codes:
        if code in units:
            reach.update(unit.code for unit in units.lineage(code))
        else:
            reach.add(code)
    return frozenset(reach)
