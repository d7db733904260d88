"""The application's read models: each projection paired with the store of its view, and
the query objects the API calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.calendar import WorkingCalendar
from domain.units import UnitHistory, UnitTree
from projections.audit_log import AuditLog, AuditLogProjection, AuditLogReader, AuditLogView
from projections.dossier_states import DossierStates
from projections.due_clocks import DueClocksProjection, DueClocksReader, DueClocksView
from projections.inbox import Inbox, InboxProjection, InboxReader, InboxView
from projections.ports import Binding, ProjectionStore
from projections.possible_duplicates import (
    CitizenPrint,
    PossibleDuplicatesProjection,
    PossibleDuplicatesReader,
    PossibleDuplicatesView,
)
from projections.public_status import (
    Fallback,
    PublicStatus,
    PublicStatusProjection,
    PublicStatusReader,
    PublicStatusView,
)
from projections.search import Search, SearchProjection, SearchReader, SearchView
from projections.source import EventSource
from projections.statistics import StatisticsProjection, StatisticsReader, StatisticsView
from projections.statistics_report import Statistics

WEEKDAYS = WorkingCalendar(days_off=frozenset(), make_up_days=frozenset())
"""How stints are counted when no calendar is given (a test's, a tool's)."""


@dataclass(frozen=True)
class ViewStores:
    """Where each view lives, on one backend."""

    inbox: ProjectionStore[InboxView]
    search: ProjectionStore[SearchView]
    public_status: ProjectionStore[PublicStatusView]
    statistics: ProjectionStore[StatisticsView]
    audit_log: ProjectionStore[AuditLogView]
    due_clocks: ProjectionStore[DueClocksView]
    possible_duplicates: ProjectionStore[PossibleDuplicatesView]


@dataclass(frozen=True)
class Readers:
    """How each view is queried, on the same backend."""

    inbox: InboxReader
    search: SearchReader
    public_status: PublicStatusReader
    statistics: StatisticsReader
    audit_log: AuditLogReader
    due_clocks: DueClocksReader
    possible_duplicates: PossibleDuplicatesReader


def bindings(
    stores: ViewStores,
    units: UnitTree,
    source: EventSource,
    calendar: WorkingCalendar = WEEKDAYS,
    citizen_print: CitizenPrint | None = None,
) -> list[Binding[Any]]:
    """Every projection with its view. They share one dossier memo, so each dossier event
    is applied to its dossier once for the four views that need the dossier's state.
    ``citizen_print``: the keyed print of citizen ids, which the possible duplicates'
    view needs (without it, that view is not fed)."""
    states = DossierStates(source.history)
    inbox: Binding[InboxView] = Binding(lambda: InboxProjection(states), stores.inbox)
    search: Binding[SearchView] = Binding(lambda: SearchProjection(states, units), stores.search)
    public: Binding[PublicStatusView] = Binding(
        lambda: PublicStatusProjection(states, units), stores.public_status
    )
    statistics: Binding[StatisticsView] = Binding(
        lambda: StatisticsProjection(states), stores.statistics
    )
    audit: Binding[AuditLogView] = Binding(lambda: AuditLogProjection(units), stores.audit_log)
    clocks: Binding[DueClocksView] = Binding(
        lambda: DueClocksProjection(states, calendar), stores.due_clocks
    )
    every: list[Binding[Any]] = [inbox, search, public, statistics, audit, clocks]
    if citizen_print is not None:  # the server's key prints citizen ids; a bench has none
        keyed = citizen_print
        every.append(
            Binding(lambda: PossibleDuplicatesProjection(keyed), stores.possible_duplicates)
        )
    return every


@dataclass(frozen=True)
class ReadModels:
    """The queries the API answers from views."""

    inbox: Inbox
    search: Search
    public_status: PublicStatus
    statistics: Statistics
    audit_log: AuditLog


def read_models(
    readers: Readers,
    units: UnitTree,
    today: Callable[[], date],
    public_fallback: Fallback | None = None,
    history: Callable[[], Awaitable[UnitHistory | None]] | None = None,
) -> ReadModels:
    return ReadModels(
        inbox=Inbox(readers.inbox, today),
        search=Search(readers.search, today),
        public_status=PublicStatus(readers.public_status, public_fallback),
        statistics=Statistics(readers.statistics, units, today, history),
        audit_log=AuditLog(readers.audit_log),
    )
