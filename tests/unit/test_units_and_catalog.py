"""The unit tree's depth is data; the catalog's routes group into legs."""

from __future__ import annotations

from datetime import date

import pytest

from domain.catalog import Action, Catalog, InvalidProcedure, Procedure, ResultKind, Step, stops_of
from domain.units import Level, Unit, UnitTree, UnknownUnit
from tests.examples import CATALOG, CITY, COC_LEU, MERIT, PERMIT, PROVINCE, UNITS


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
    legs = stops_of(CATALOG.version(MERIT, 1).steps)
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
    old = CATALOG.version(MERIT, 1)
    newer = Procedure(**{**old.__dict__, "version": 2, "time_limit_days": 15})
    catalog = Catalog([old, newer])
    assert catalog.current(MERIT).time_limit_days == 15
    assert catalog.version(MERIT, 1).time_limit_days == old.time_limit_days


def test_each_procedure_has_the_route_of_its_period() -> None:
    # Until 30 June 2025 the merit benefit climbs commune → district → province; from
    # 1 July, with no districts left, the commune hands it straight to the province.
    eve, switch = date(2025, 6, 30), date(2025, 7, 1)
    before, after = CATALOG.in_force(MERIT, eve), CATALOG.in_force(MERIT, switch)
    assert [leg.level for leg in stops_of(before.steps)] == [
        "commune",
        "district",
        "province",
        "commune",
    ]
    assert [leg.level for leg in stops_of(after.steps)] == ["commune", "province", "commune"]
    assert (before.version, after.version) == (1, 2)
    # No version of any procedure names a district after the switch.
    assert all(step.level != "district" for p in CATALOG.on(switch) for step in p.steps)


def test_a_district_procedure_is_received_at_the_commune_after_the_switch() -> None:
    permit = CATALOG.in_force(PERMIT, date(2025, 7, 1))
    assert permit.receiving_level == "commune"
    # The data does not verify where it went: the catalog says so rather than pretend.
    assert permit.code_status is not None and "CHƯA XÁC MINH" in permit.code_status
    assert CATALOG.in_force(PERMIT, date(2025, 6, 30)).receiving_level == "district"
