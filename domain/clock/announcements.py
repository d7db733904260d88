"""The working calendar as announced: days off added or withdrawn, make-up working days.

Calendar facts can be wrong or change late (DOMAIN.md: 24/11, Vietnam Culture Day), so an
admin announces each change with its legal basis, and the calendar in force is the base
calendar (the holidays package, the leave schedules and the configured extra days) with
every announcement applied in order. One stream holds them all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.calendar import WorkingCalendar
from domain.shared import Actor


class CalendarAnnouncements(Aggregate):
    """Every announced change of the working calendar, oldest first."""

    ID = uuid5(NAMESPACE_URL, "urn:motcua:calendar")

    class Opened(Aggregate.Created):
        pass

    class Announced(Aggregate.Event):
        add_days_off: tuple[date, ...]
        remove_days_off: tuple[date, ...]
        make_up_days: tuple[date, ...]
        legal_basis: str
        actor: Actor

    @event(Opened)
    def __init__(self, id: UUID, timestamp: datetime) -> None:
        self.added: frozenset[date] = frozenset()
        self.removed: frozenset[date] = frozenset()
        self.make_up: frozenset[date] = frozenset()
        self.legal_basis: str | None = None

    @classmethod
    def open(cls, at: datetime) -> CalendarAnnouncements:
        return cls(id=cls.ID, timestamp=at)

    @event(Announced)
    def announce(
        self,
        add_days_off: tuple[date, ...],
        remove_days_off: tuple[date, ...],
        make_up_days: tuple[date, ...],
        legal_basis: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        removed = frozenset(remove_days_off)
        self.added = (self.added - removed) | frozenset(add_days_off)
        self.removed = (self.removed - frozenset(add_days_off)) | removed
        self.make_up = self.make_up | frozenset(make_up_days)
        self.legal_basis = legal_basis

    def in_force(self, base: WorkingCalendar) -> WorkingCalendar:
        """``base`` with every announcement applied."""
        return in_force(base, self.added, self.removed, self.make_up)


def in_force(
    base: WorkingCalendar,
    add_days_off: frozenset[date] = frozenset(),
    remove_days_off: frozenset[date] = frozenset(),
    make_up_days: frozenset[date] = frozenset(),
) -> WorkingCalendar:
    """``base`` with days off added and withdrawn and make-up days added (a proposal's
    calendar, for the what-if, is made the same way)."""
    return replace(
        base,
        days_off=(base.days_off | add_days_off) - remove_days_off,
        make_up_days=base.make_up_days | make_up_days,
    )
