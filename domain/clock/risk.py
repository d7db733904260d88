"""How likely an open dossier is to be late: the working days left before its due date
against the working days the rest of its route usually takes.

What the rest usually takes is learnt per procedure and route stop from the stints of
decided dossiers (working days from entering a stop to leaving it), shrunk towards a
prior, the statutory time limit shared evenly among the stops up to the decision, by
:data:`PRIOR_WEIGHT` pseudo-stints: with no history a stop is expected to take its share,
with much history what it took.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

PRIOR_WEIGHT = 3


@dataclass(frozen=True)
class Stints:
    """The finished stints of one stop of one procedure."""

    count: int = 0
    working_days: int = 0


def expected_at(stop: int, stints: Stints, time_limit_days: int, decision_stop: int) -> float:
    prior = time_limit_days / (decision_stop + 1)
    return (stints.working_days + PRIOR_WEIGHT * prior) / (stints.count + PRIOR_WEIGHT)


def expected_remaining(
    stop: int,
    spent: int,
    decision_stop: int,
    time_limit_days: int,
    history: Mapping[int, Stints],
) -> float:
    """Working days still expected before the decision, for a dossier that has spent
    ``spent`` working days at ``stop`` so far."""
    total = 0.0
    for s in range(stop, decision_stop + 1):
        usual = expected_at(s, history.get(s, Stints()), time_limit_days, decision_stop)
        total += max(0.0, usual - spent) if s == stop else usual
    return total


def risk(remaining: int, expected: float) -> float:
    """0..1: ½ when the rest usually takes exactly the days left; near 1 when it takes
    twice as long, near 0 when half. Nothing left and something still to do: 1."""
    if remaining <= 0:
        return 1.0 if expected > 0 or remaining < 0 else 0.5
    ratio = expected / remaining
    return 1 / (1 + math.exp(-4 * (ratio - 1)))
