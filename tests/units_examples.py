"""Test-data builders for the unit history: a small real-looking slice of Lào Cai and Yên Bái.

``small_registry()`` holds, from 2020-03-01, Tỉnh Lào Cai (10) with TP Lào Cai (080:
Duyên Hải 02635, Lào Cai 02641, Kim Tân 02647) and Tỉnh Yên Bái (15) with TP Yên Bái (132:
Yên Thịnh 04249, Yên Ninh 04252). Codes are the real GSO codes; the slice is not complete.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.shared import Actor, Role
from domain.units import Level, ReorganisationPlan, UnitRegistry
from domain.units.plan import Abolish, Change, Establish, Merge, Move, NewUnit

BASIS = "Nghị quyết thử nghiệm (test)"
LISTED = date(2020, 3, 1)
REFORM = date(2025, 7, 1)
RECORDED_AT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
RECORDER = Actor(sub="admin@15", role=Role.ADMIN, unit="15")

SLICE = (
    NewUnit("10", "Tỉnh Lào Cai", Level.PROVINCE, None),
    NewUnit("080", "Thành phố Lào Cai", Level.DISTRICT, "10"),
    NewUnit("02635", "Phường Duyên Hải", Level.COMMUNE, "080"),
    NewUnit("02641", "Phường Lào Cai", Level.COMMUNE, "080"),
    NewUnit("02647", "Phường Kim Tân", Level.COMMUNE, "080"),
    NewUnit("15", "Tỉnh Yên Bái", Level.PROVINCE, None),
    NewUnit("132", "Thành phố Yên Bái", Level.DISTRICT, "15"),
    NewUnit("04249", "Phường Yên Thịnh", Level.COMMUNE, "132"),
    NewUnit("04252", "Phường Yên Ninh", Level.COMMUNE, "132"),
)


def plan(effective: date, *changes: Change, basis: str = BASIS) -> ReorganisationPlan:
    return ReorganisationPlan(effective, basis, changes)


def small_registry() -> UnitRegistry:
    registry = UnitRegistry.open("test", RECORDER, RECORDED_AT)
    registry.reorganise(plan(LISTED, *(Establish(unit) for unit in SLICE)), RECORDER, RECORDED_AT)
    return registry


def two_tier_reform() -> ReorganisationPlan:
    """The slice's 2025 reform in small: one province 15, no district, Kim Tân's code kept
    by the new phường Lào Cai, Yên Ninh left as it was under the new province."""
    return plan(
        REFORM,
        Merge(NewUnit("15", "Tỉnh Lào Cai", Level.PROVINCE, None), ("10", "15")),
        Abolish("080", "15"),
        Abolish("132", "15"),
        Merge(NewUnit("02647", "Phường Lào Cai", Level.COMMUNE, "15"), ("02635", "02641", "02647")),
        Merge(NewUnit("04249", "Phường Yên Bái", Level.COMMUNE, "15"), ("04249",)),
        Move("04252", "15"),
    )
