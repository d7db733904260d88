"""The working calendar in force: the base calendar with every announcement applied."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from application.errors import InvalidInput
from domain.calendar import WorkingCalendar
from domain.clock.announcements import CalendarAnnouncements
from domain.clock.working_days import IndexedCalendar


class CalendarInForce:
    """Holds the calendar in force and tells ``followers`` (the dossier use cases, which
    count new due dates on it) whenever an announcement changes it."""

    def __init__(
        self, base: IndexedCalendar, followers: Iterable[Callable[[WorkingCalendar], None]] = ()
    ) -> None:
        self.base = base
        self.current: IndexedCalendar = base
        self.followers = list(followers)

    def adopt(self, announcements: CalendarAnnouncements | None) -> None:
        current = announcements.in_force(self.base) if announcements else self.base
        assert isinstance(current, IndexedCalendar)
        self.current = current
        for follower in self.followers:
            follower(current)

    def require_covered(self, field: str, days: Iterable[date]) -> None:
        """Refuses (422 naming the field and item) a date outside the supported years."""
        first, last = self.base.first, self.base.last
        for i, day in enumerate(days):
            if not self.base.covers(day):
                raise InvalidInput(
                    f"{field}[{i}]",
                    f"{day.isoformat()} is outside the supported calendar years "
                    f"({first.year}–{last.year})",
                )
