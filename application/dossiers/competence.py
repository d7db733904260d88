"""Boundary-free filing (Decree 118/2025): any desk of the province receives any procedure
of the province for the unit competent for it, which the filing names (``competent_unit``,
the desk's own unit by default). The desk keeps the dossier for the return."""

from __future__ import annotations

from application.errors import InvalidInput
from domain.units import Level, UnitTree

FIELD = "competent_unit"


def competent_unit(units: UnitTree, desk: str, named: str | None) -> str:
    """The unit whose route the dossier runs: ``named`` when it is in force and in the
    desk's province, else 422 naming the field (its level is the route's question)."""
    if named is None or named == desk:
        return desk
    if named not in units:
        raise InvalidInput(FIELD, "no unit in force has this code (unknown, or ceased)")
    if _province(units, named) != _province(units, desk):
        raise InvalidInput(FIELD, "a desk receives for the units of its own province only")
    return named


def _province(units: UnitTree, code: str) -> str | None:
    province = units.at_level(code, Level.PROVINCE)
    return province.code if province else None
