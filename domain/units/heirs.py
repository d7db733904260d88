"""Whose past a unit carries: the units that ceased into it, and into those, and so on.

Statistics read "in today's units" (``geography=current``) count, at a unit, what was
recorded at every unit it carries on from. Codes are reused across a switch (the new xã
Bát Xát is 02683 like the old thị trấn), so a code can name both a unit and its own
predecessor; either way its records belong to the unit that holds the code today.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.units.history import UnitHistory


def carried_codes(history: UnitHistory, codes: Iterable[str]) -> set[str]:
    """``codes`` and the codes of every unit that ceased, directly or not, into one of them."""
    found = set(codes)
    pending = [period for code in found for period in history.periods(code)]
    while pending:
        period = pending.pop()
        for before in history.predecessors(period):
            found.add(before.code)
            pending.append(before)  # back in time only: no cycle
    return found


def filed_under(history: UnitHistory, codes: Iterable[str], on: date) -> set[str]:
    """``codes`` (units in force on ``on``) and the ceased units that stood, when they
    ceased, below a unit these carry on: their records belong under these units as filed.
    A province takes in the old districts and communes of the provinces it was formed
    from; a commune formed from old communes does not take them in (they stood under a
    district, not under it): that is what ``carried_codes`` adds."""
    found = set(codes)
    carried = carried_codes(history, found)
    for period in history:
        last = period.valid_until
        if last is None or last >= on:
            continue
        above = history.tree_on(last).lineage(period.code)[1:]
        if any(unit.code in carried for unit in above):
            found.add(period.code)
    return found
