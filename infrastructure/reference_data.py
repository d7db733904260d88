"""Reads the units, the procedure catalog and the schools from JSON data files into domain
objects."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from domain.catalog import Action, Catalog, Procedure, ResultKind, Step
from domain.enrollments.school import School, Schools
from domain.units import Level, Unit, UnitTree

DEMO_DATA = Path(__file__).parent / "demo"


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def load_units(path: Path = DEMO_DATA / "units.json") -> UnitTree:
    return UnitTree(
        Unit(
            code=item["code"],
            name=item.get("full_name") or item["name"],
            level=Level(item["level"]),
            parent=item["parent"],
        )
        for item in _read(path)["units"]
    )


def load_catalog(path: Path = DEMO_DATA / "procedures.json") -> Catalog:
    return Catalog(
        Procedure(
            code=item["code"],
            version=item["version"],
            name=item["name"],
            field=item["field"],
            receiving_level=Level(item["receiving_level"]),
            time_limit_days=item["time_limit_days"],
            required_documents=tuple(item["required_documents"]),
            result_kind=ResultKind(item["result_kind"]),
            steps=tuple(Step(Level(s["level"]), Action(s["action"])) for s in item["steps"]),
            fee_vnd=item.get("fee_vnd"),
            in_force_from=_day(item.get("in_force_from")),
            code_status=item.get("code_status"),
        )
        for item in _read(path)["procedures"]
    )


def load_schools(path: Path = DEMO_DATA / "schools.json") -> Schools:
    return Schools(
        School(
            code=item["code"],
            name=item["name"],
            unit=item["unit"],
            capacity={int(grade): seats for grade, seats in item["capacity"].items()},
        )
        for item in _read(path)["schools"]
    )
