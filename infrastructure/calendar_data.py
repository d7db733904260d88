"""Vietnam's working calendar: the `holidays` package plus officially announced schedules."""

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

from domain.calendar import WorkingCalendar


def _span(first: date, last: date) -> frozenset[date]:
    return frozenset(first + timedelta(days=i) for i in range((last - first).days + 1))


# Leave schedules for public servants announced by the government (Ministry announcements, as
# reported by the national press and thuvienphapluat.vn). Their weekdays agree with what
# `holidays` 0.109 computes; they are kept here so a package upgrade that changes its Tết rules
# cannot move deadlines in years whose schedule is already settled.
ANNOUNCED_DAYS_OFF: dict[int, frozenset[date]] = {
    # Tết Ất Tỵ: Sat 25/1 - Sun 2/2/2025, 9 days, no make-up day (Thông báo 6150/TB-BLĐTBXH).
    2025: _span(date(2025, 1, 25), date(2025, 2, 2)),
    # Tết Bính Ngọ: Sat 14/2 - Sun 22/2/2026, 9 days, no make-up day.
    2026: _span(date(2026, 2, 14), date(2026, 2, 22)),
}

# Saturdays worked in exchange for a weekday off (Official Dispatches of the Government Office).
ANNOUNCED_MAKE_UP_DAYS: dict[int, frozenset[date]] = {
    2024: frozenset({date(2024, 5, 4)}),  # for Mon 29/4/2024 (Công văn 2450/VPCP-KGVX)
    2025: frozenset({date(2025, 4, 26)}),  # for Fri 2/5/2025
}


def vietnam_calendar(
    years: Iterable[int],
    extra_days_off: Iterable[date] = (),
    make_up_days: Iterable[date] = (),
) -> WorkingCalendar:
    """The national calendar for `years`, with configured additions.

    Deadlines spill over into the next year: include the year after the last receipt date
    you expect, or due dates late in December will ignore next year's holidays.
    """
    wanted = sorted(set(years))
    national = holidays.country_holidays("VN", years=wanted)
    days_off: set[date] = set(national)
    make_up: set[date] = set(getattr(national, "weekend_workdays", ()))
    for year in wanted:
        days_off |= ANNOUNCED_DAYS_OFF.get(year, frozenset())
        make_up |= ANNOUNCED_MAKE_UP_DAYS.get(year, frozenset())
    return WorkingCalendar(
        days_off=frozenset(days_off), make_up_days=frozenset(make_up)
    ).with_extra(days_off=extra_days_off, make_up_days=make_up_days)
