"""The unit tree's depth is data; the catalog's routes group into legs."""

from __future__ import annotations

import pytest

from domain.catalog import Action, Catalog, InvalidProcedure, Procedure, ResultKind, Step, stops_of
from domain.units import Level, Unit, UnitTree, UnknownUnit
from tests.examples import CATALOG, CITY, COC_LEU, MERIT, PROVINCE, UNITS


def test_lineage_runs_from_commune_to_province() -> None:
    assert [u.code for u in UNITS.lineage(COC_LEU)] == [COC_LEU, CITY, PROVINCE]
    assert UNITS.at_level(COC_LEU, Level.DISTRICT) == UNITS.get(CITY)
    assert UNITS.is_within(COC_LEU, PROVINCE) and not UNITS.is_within(PROVINCE, COC_LEU)


def test_a_two_tier_tree_has_no_district() -> None:
    tree = UnitTree(
        [
            Unit("15", "Tỉnh Lào Cai", Level.PROVINCE, None),
            Unit("02647", "Phường Lào Cai", Level.COMMUNE, "15"),
        ]
    )
    assert tree.at_level("02647", Level.DISTRICT) is None
    assert tree.subtree("15") == {"15", "02647"}


def test_the_demo_province_holds_every_unit() -> None:
    assert UNITS.subtree(PROVINCE) == {u.code for u in UNITS}
    assert len(UNITS) == 162


def test_unknown_units_are_named() -> None:
    with pytest.raises(UnknownUnit, match="99999"):
        UNITS.get("99999")
    with pytest.raises(UnknownUnit):
        UnitTree([Unit("1", "orphan", Level.COMMUNE, "nowhere")])


def test_a_route_groups_into_legs_by_level() -> None:
    legs = stops_of(CATALOG.current(MERIT).steps)
    assert [leg.level for leg in legs] == ["commune", "district", "province", "commune"]
    assert legs[-1].is_return_only and Action.DECIDE in legs[2].actions


def test_a_procedure_must_start_with_receipt_and_decide_somewhere() -> None:
    def procedure(*steps: Step) -> Procedure:
        return Procedure("X", 1, "x", "f", Level.COMMUNE, 1, (), ResultKind.CERTIFICATE, steps)

    with pytest.raises(InvalidProcedure, match="start with receipt"):
        procedure(Step(Level.COMMUNE, Action.PROCESS), Step(Level.COMMUNE, Action.DECIDE))
    with pytest.raises(InvalidProcedure, match="no decide"):
        procedure(Step(Level.COMMUNE, Action.RECEIVE))


def test_the_catalog_keeps_every_version() -> None:
    old = CATALOG.current(MERIT)
    newer = Procedure(**{**old.__dict__, "version": 2, "time_limit_days": 15})
    catalog = Catalog([old, newer])
    assert catalog.current(MERIT).time_limit_days == 15
    assert catalog.version(MERIT, 1).time_limit_days == old.time_limit_days
