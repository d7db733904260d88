"""The rules a new procedure version must meet before it is published.

- its route starts with receipt (``steps[0].action``) and has a decide step (``steps``);
- ``receiving_level``, when given, is the first step's level;
- every level of its route is held by some unit of the tree in force on its effective date
  (a district step from 2025-07-01, when the districts are gone → ``steps[i].level``);
- it takes effect today or later (``effective``): a version is never published into the
  past, where dossiers were received under another one. A version for a day another
  version of the procedure starts on replaces it from that day (the later published wins:
  a scheduled version is corrected by publishing it again).
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date

from domain.catalog import Action
from domain.publishing.draft import Draft, VersionProblem
from domain.units import Level


def problems_in(draft: Draft, levels: Set[Level], today: date) -> tuple[VersionProblem, ...]:
    """Every fault of ``draft``, given the levels of the units in force on its effective
    date and today's date; empty when it may be published."""
    found: list[VersionProblem] = []
    if draft.effective < today:
        found.append(
            VersionProblem(
                "effective",
                f"a version takes effect today ({today.isoformat()}) or later, not on "
                f"{draft.effective.isoformat()}",
            )
        )
    if draft.time_limit_days < 0:
        found.append(VersionProblem("time_limit_days", "the time limit cannot be negative"))
    if not draft.steps:
        return (*found, VersionProblem("steps", "the route has no steps"))
    first = draft.steps[0]
    if first.action != Action.RECEIVE:
        found.append(VersionProblem("steps[0].action", "the route starts with receive"))
    if draft.receiving_level is not None and draft.receiving_level != first.level:
        message = f"the route is received at {first.level} level (its first step)"
        found.append(VersionProblem("receiving_level", message))
    if not any(step.action == Action.DECIDE for step in draft.steps):
        found.append(VersionProblem("steps", "the route has no decide step"))
    on = draft.effective.isoformat()
    for index, step in enumerate(draft.steps):
        if step.level not in levels:
            message = f"no unit of level {step.level} is in force on {on}"
            found.append(VersionProblem(f"steps[{index}].level", message))
    return tuple(found)
