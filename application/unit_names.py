"""Units by name, for answers read by people; a code the tree does not know shows as is."""

from __future__ import annotations

from domain.units import UnitTree


def unit_name(units: UnitTree, code: str) -> str:
    return units.get(code).name if code in units else code
