"""Whose past a unit carries: the units that ceased into it, and into those, and so on.

Statistics read "in today's units" (``geography=current``) count, at a unit, what was
recorded at every unit it carries on from. Codes are reused across a switch (the new xã
Bát Xát is 02683 like the old thị trấn), so a code can name both a unit and its own
predecessor; either way its records belong to the unit that holds the code today.
"""

from __future__ import annotations

from collections.abc import Iterable

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
