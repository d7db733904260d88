"""The residence rule: grades 1 and 6 from the school's district, grade 10 province-wide."""

from __future__ import annotations

from domain.enrollments.school import School
from domain.units import Level, Unit, UnitTree
from infrastructure.reference_data import load_schools
from tests.examples import A_MU_SUNG, CITY, COC_LEU, KIM_TAN, PROVINCE, UNITS

PRIMARY = School("TH", "Trường Tiểu học (demo)", KIM_TAN, {1: 30})
UPPER = School("THPT", "Trường THPT (demo)", CITY, {10: 90})


def test_primary_and_lower_secondary_admit_from_the_schools_district_only() -> None:
    assert PRIMARY.catchment(1, UNITS) == CITY
    assert PRIMARY.admits_residence(1, COC_LEU, UNITS)
    assert not PRIMARY.admits_residence(1, A_MU_SUNG, UNITS)
    assert not PRIMARY.admits_residence(1, "no-such-unit", UNITS)


def test_upper_secondary_admits_from_the_whole_province() -> None:
    assert UPPER.catchment(10, UNITS) == PROVINCE
    assert UPPER.admits_residence(10, A_MU_SUNG, UNITS)


def test_without_districts_the_commune_is_the_catchment() -> None:
    two_tier = UnitTree(
        [
            Unit("15", "Lào Cai", Level.PROVINCE, None),
            Unit("02644", "Cốc Lếu", Level.COMMUNE, "15"),
            Unit("02647", "Kim Tân", Level.COMMUNE, "15"),
        ]
    )
    school = School("TH", "Trường Tiểu học (demo)", "02647", {1: 30})
    assert school.admits_residence(1, "02647", two_tier)
    assert not school.admits_residence(1, "02644", two_tier)


def test_the_demo_schools_sit_in_real_units_and_offer_grades_1_and_6() -> None:
    schools = list(load_schools())
    assert all(school.unit in UNITS and "(demo)" in school.name for school in schools)
    assert sum(1 for s in schools if s.seats(1) and s.seats(6)) >= 1
    assert sum(1 for s in schools if s.seats(1)) >= 2 and sum(1 for s in schools if s.seats(6)) >= 2
