"""Administrative units: the tree of one day (:mod:`.tree`) and the tree as a history."""

from domain.units.tree import Level, Unit, UnitTree, UnknownUnit

__all__ = ["Level", "Unit", "UnitTree", "UnknownUnit"]
