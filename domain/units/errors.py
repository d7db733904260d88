"""Named errors of the unit history and of reorganisation plans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.shared import DomainError


class NoSingleSuccessor(DomainError):
    """A ceased unit's place is held by no unit, or by several, on the day asked about."""

    def __init__(self, code: str, on: date, holders: tuple[str, ...]) -> None:
        held = ", ".join(holders) if holders else "no unit"
        super().__init__(f"on {on.isoformat()} the place of unit {code} is held by {held}")
        self.code = code
        self.on = on
        self.holders = holders


@dataclass(frozen=True)
class PlanProblem:
    """What is wrong in a plan, and where: ``field`` is a path into the plan as the API
    spells it (``changes[3].from[1]``, ``effective``), so a 422 can name it as is."""

    field: str
    message: str

    @property
    def change(self) -> int | None:
        """The index of the change at fault; None for the plan's own fields."""
        found = re.match(r"changes\[(\d+)\]", self.field)
        return int(found.group(1)) if found else None


class InvalidPlan(DomainError):
    """A reorganisation plan was refused whole: nothing of it is recorded."""

    def __init__(self, problems: tuple[PlanProblem, ...]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems
