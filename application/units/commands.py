"""The reorganise command: a reorganisation plan as JSON spells it, in the shape of
``POST /api/v1/reorganisations`` (the HTTP body, ``motcua reorganise FILE``, the reference
data's plan files). The plan itself (``domain.units.ReorganisationPlan``) is the command's
frozen value; only its spelling is read here: ``from`` is a Python keyword.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.units import Level, ReorganisationPlan
from domain.units.plan import Abolish, Change, Establish, Merge, Move, NewUnit, Rename


def new_unit(data: Mapping[str, Any]) -> NewUnit:
    return NewUnit(data["code"], data["name"], Level(data["level"]), data.get("parent"))


def change_from_json(data: Mapping[str, Any]) -> Change:
    kind = data["kind"]
    if kind == "merge":
        return Merge(new_unit(data["into"]), tuple(data["from"]))
    if kind == "establish":
        return Establish(new_unit(data["unit"]))
    if kind == "abolish":
        return Abolish(data["unit"], data["successor"])
    if kind == "rename":
        return Rename(data["unit"], data["name"])
    if kind == "move":
        return Move(data["unit"], data["parent"])
    raise ValueError(f"unknown kind of change {kind!r}")


def plan_from_json(data: Mapping[str, Any]) -> ReorganisationPlan:
    return ReorganisationPlan(
        effective=date.fromisoformat(data["effective"]),
        legal_basis=data["legal_basis"],
        changes=tuple(change_from_json(change) for change in data["changes"]),
    )
