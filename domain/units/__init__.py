"""Administrative units: the tree of one day (:mod:`.tree`) and the tree as a history.

``UnitRegistry`` records the history as events; ``UnitHistory`` answers what was in force
when (``tree_on(day)`` is a plain ``UnitTree``); a ``ReorganisationPlan`` changes it, judged
whole first (``problems_in``).
"""

from domain.units.errors import InvalidPlan, NoSingleSuccessor, PlanProblem
from domain.units.history import UnitHistory
from domain.units.period import UnitPeriod
from domain.units.plan import (
    Abolish,
    Change,
    Establish,
    Merge,
    Move,
    NewUnit,
    Rename,
    ReorganisationPlan,
)
from domain.units.plan_check import problems_in
from domain.units.registry import UnitRegistry
from domain.units.tree import Level, Unit, UnitTree, UnknownUnit

__all__ = [
    "Abolish",
    "Change",
    "Establish",
    "InvalidPlan",
    "Level",
    "Merge",
    "Move",
    "NewUnit",
    "NoSingleSuccessor",
    "PlanProblem",
    "Rename",
    "ReorganisationPlan",
    "Unit",
    "UnitHistory",
    "UnitPeriod",
    "UnitRegistry",
    "UnitTree",
    "UnknownUnit",
    "problems_in",
]
