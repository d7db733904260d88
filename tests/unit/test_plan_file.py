"""A plan written as the body of POST /api/v1/reorganisations reads as the domain's plan."""

from __future__ import annotations

from datetime import date

import pytest

from application.units.commands import change_from_json, plan_from_json
from domain.units import Level, ReorganisationPlan
from domain.units.plan import Abolish, Establish, Merge, Move, NewUnit, Rename

BODY = {
    "effective": "2025-07-01",
    "legal_basis": "Nghị quyết 1673/NQ-UBTVQH15",
    "changes": [
        {
            "kind": "merge",
            "into": {"code": "02647", "name": "Phường Lào Cai", "level": "commune", "parent": "15"},
            "from": ["02635", "02647"],
        },
        {"kind": "abolish", "unit": "080", "successor": "15"},
        {"kind": "rename", "unit": "04603", "name": "Xã Tà Xi Láng"},
        {"kind": "move", "unit": "04603", "parent": "15"},
        {"kind": "establish", "unit": {"code": "16", "name": "Tỉnh Mới", "level": "province"}},
    ],
}


def test_every_kind_of_change_reads_as_its_domain_value() -> None:
    assert plan_from_json(BODY) == ReorganisationPlan(
        date(2025, 7, 1),
        "Nghị quyết 1673/NQ-UBTVQH15",
        (
            Merge(NewUnit("02647", "Phường Lào Cai", Level.COMMUNE, "15"), ("02635", "02647")),
            Abolish("080", "15"),
            Rename("04603", "Xã Tà Xi Láng"),
            Move("04603", "15"),
            Establish(NewUnit("16", "Tỉnh Mới", Level.PROVINCE, None)),
        ),
    )
    # The same plan has the same fingerprint, however often it is read.
    assert plan_from_json(BODY).fingerprint == plan_from_json(dict(BODY)).fingerprint


def test_an_unknown_kind_of_change_is_refused() -> None:
    with pytest.raises(ValueError, match="split"):
        change_from_json({"kind": "split", "unit": "080"})
