"""Working days and statutory deadlines, as counted at the one-stop desks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class OfficeHours:
    opens: time = time(7, 30)
    closes: time = time(17, 0)
    same_day_cutoff: time = time(15, 0)

    def __post_init__(self) -> None:
        if not self.opens < self.closes:
            raise ValueError(f"office must open ({self.opens}) before it closes ({self.closes})")


@dataclass(frozen=True)
class WorkingCalendar:
    """Monday-Friday, minus days off, plus make-up working days.

    A date in both `days_off` and `make_up_days` is a working day: a make-up day is an explicit
    decision to work on a date the rules would otherwise leave free.
    """

    days_off: frozenset[date]
    make_up_days: frozenset[date]
    office_hours: OfficeHours = OfficeHours()

    def is_working_day(self, d: date) -> bool:
        if d in self.make_up_days:
            return True
        return d.weekday() < 5 and d not in self.days_off

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        return self.working_day_on_or_after(d + _ONE_DAY)

    def working_day_before(self, d: date) -> date:
        """The last working day strictly before `d`."""
        d -= _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def working_day_on_or_after(self, d: date) -> date:
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`, counting from the day after it.

        Vietnamese practice: the time limit runs from the working day after the day of receipt,
        so a dossier received on Monday with a 3-day limit is due on Thursday. `start` itself is
        never counted, whether or not it is a working day; n=0 gives the working day on or after
        `start`.
        """
        if n < 0:
            raise ValueError(f"cannot add a negative number of working days: {n}")
        if n == 0:
            return self.working_day_on_or_after(start)
        d = start
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days d have start < d <= end (0 if end <= start)."""
        if end <= start:
            return 0
        full_weeks, rest = divmod((end - start).days, 7)
        weekdays = full_weeks * 5 + sum(
            1 for i in range(1, rest + 1) if (start + timedelta(days=i)).weekday() < 5
        )
        weekdays_off = sum(
            1
            for d in self.days_off
            if start < d <= end and d.weekday() < 5 and d not in self.make_up_days
        )
        weekends_worked = sum(1 for d in self.make_up_days if start < d <= end and d.weekday() >= 5)
        return weekdays - weekdays_off + weekends_worked

    def receipt_day(self, received_at: datetime) -> date:
        """The working day a receipt counts from, in Asia/Ho_Chi_Minh.

        Received on a day off, or at or after closing time, it counts from the next working day.
        Received before opening time on a working day (an online submission at 06:00, say), it
        counts as received that day: the office has the whole day to take it in, and the
        citizen is not penalised for being early.
        """
        local = _local(received_at)
        day = local.date()
        if not self.is_working_day(day) or local.time() >= self.office_hours.closes:
            return self.working_day_on_or_after(day + _ONE_DAY)
        return day

    def due_date(self, received_at: datetime, time_limit_days: int) -> date:
        """The date the result is due (ngày hẹn trả kết quả).

        A time limit of 0 means "settled the same day": due on the receipt day, or on the next
        working day when received at or after the same-day cutoff (15:00) on a working day.
        """
        if time_limit_days < 0:
            raise ValueError(f"time limit must not be negative: {time_limit_days}")
        receipt = self.receipt_day(received_at)
        if time_limit_days > 0:
            return self.add_working_days(receipt, time_limit_days)
        local = _local(received_at)
        if receipt == local.date() and local.time() >= self.office_hours.same_day_cutoff:
            return self.next_working_day(receipt)
        return receipt

    def with_extra(
        self, days_off: Iterable[date] = (), make_up_days: Iterable[date] = ()
    ) -> WorkingCalendar:
        return replace(
            self,
            days_off=self.days_off | frozenset(days_off),
            make_up_days=self.make_up_days | frozenset(make_up_days),
        )


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a naive datetime has no place in time: {moment.isoformat()}")
    return moment.astimezone(VIETNAM_TZ)
