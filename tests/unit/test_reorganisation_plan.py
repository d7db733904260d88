"""A reorganisation plan is judged whole: a bad one names the change at fault and records
nothing (API.md "Units over time": 422 naming the change)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.units import InvalidPlan, Level, ReorganisationPlan, Unit, UnitRegistry
from domain.units.plan import Abolish, Establish, Merge, Move, NewUnit, Rename
from tests.units_examples import (
    RECORDED_AT,
    RECORDER,
    REFORM,
    plan,
    small_registry,
    two_tier_reform,
)

NEW_WARD = NewUnit("02647", "Phường Lào Cai", Level.COMMUNE, "080")


def refusal(registry: UnitRegistry, bad: ReorganisationPlan) -> dict[str, str]:
    """The problems of ``bad`` by field, after checking that nothing of it was recorded."""
    recorded = len(registry.pending_events)
    trees = [list(registry.history.tree_on(day)) for day in (REFORM, date(2030, 1, 1))]
    with pytest.raises(InvalidPlan) as refused:
        registry.reorganise(bad, RECORDER, RECORDED_AT)
    assert len(registry.pending_events) == recorded
    assert trees == [list(registry.history.tree_on(day)) for day in (REFORM, date(2030, 1, 1))]
    return {problem.field: problem.message for problem in refused.value.problems}


def test_a_plan_that_leaves_a_unit_without_a_parent_names_the_change_that_orphans_it() -> None:
    # TP Lào Cai is abolished, but its three phường are neither merged nor moved.
    problems = refusal(small_registry(), plan(REFORM, Rename("15", "Tỉnh X"), Abolish("080", "10")))
    assert list(problems) == ["changes[1].unit"]
    assert "02635, 02641, 02647" in problems["changes[1].unit"]


def test_a_plan_that_uses_a_unit_twice_names_the_second_use() -> None:
    twice = plan(
        REFORM,
        Merge(NEW_WARD, ("02641", "02647")),
        Merge(NewUnit("02635", "Phường Duyên Hải", Level.COMMUNE, "080"), ("02635", "02641")),
    )
    problems = refusal(small_registry(), twice)
    assert list(problems) == ["changes[1].from[1]"]
    assert "changes[0].from[0]" in problems["changes[1].from[1]"]


def test_a_plan_that_reuses_a_live_code_names_the_new_unit() -> None:
    # 02635 stays in force (it is not among the merged ones), so its code is not free.
    problems = refusal(
        small_registry(),
        plan(REFORM, Merge(NewUnit("02635", "Phường Mới", Level.COMMUNE, "080"), ("02641",))),
    )
    assert list(problems) == ["changes[0].into.code"]
    assert "Phường Duyên Hải" in problems["changes[0].into.code"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (Abolish("99999", "10"), "changes[0].unit"),
        (Abolish("02635", "99999"), "changes[0].successor"),
        (Rename("99999", "Xã Không Có"), "changes[0].unit"),
        (Move("02635", "999"), "changes[0].parent"),
        (Merge(NEW_WARD, ("02647", "99999")), "changes[0].from[1]"),
        (Establish(NewUnit("02999", "Xã Mới", Level.COMMUNE, "999")), "changes[0].unit.parent"),
    ],
)
def test_a_plan_that_names_an_unknown_unit_names_where(change: object, field: str) -> None:
    problems = refusal(small_registry(), plan(REFORM, change))  # type: ignore[arg-type]
    assert list(problems) == [field]
    assert "99" in problems[field]


def test_a_unit_that_has_ceased_is_unknown_to_later_plans() -> None:
    registry = small_registry()
    registry.reorganise(two_tier_reform(), RECORDER, RECORDED_AT)
    problems = refusal(registry, plan(date(2026, 1, 1), Rename("080", "Thành phố Mới")))
    assert problems == {"changes[0].unit": "unit 080 (Thành phố Lào Cai) ceased on 2025-07-01"}


def test_levels_stay_in_order() -> None:
    problems = refusal(
        small_registry(),
        plan(
            REFORM,
            Merge(NewUnit("080", "Thành phố", Level.DISTRICT, "10"), ("080", "02635")),
            Move("02641", "02647"),
            Establish(NewUnit("16", "Tỉnh Mới", Level.PROVINCE, "10")),
        ),
    )
    assert set(problems) == {"changes[0].from[1]", "changes[1].parent", "changes[2].unit.parent"}
    assert "commune, not a district" in problems["changes[0].from[1]"]


def test_a_plan_cannot_rewrite_what_is_recorded_after_its_date() -> None:
    registry = small_registry()
    registry.reorganise(two_tier_reform(), RECORDER, RECORDED_AT)
    problems = refusal(registry, plan(date(2024, 1, 1), Rename("04252", "Phường Yên Ninh Mới")))
    assert "2025-07-01, after this plan" in problems["changes[0].unit"]


def test_a_plan_needs_a_basis_and_changes_and_is_recorded_once() -> None:
    problems = refusal(small_registry(), plan(REFORM, basis=" "))
    assert set(problems) == {"legal_basis", "changes"}
    registry = small_registry()
    registry.reorganise(two_tier_reform(), RECORDER, RECORDED_AT)
    assert registry.has_recorded(two_tier_reform())
    assert list(refusal(registry, two_tier_reform())) == ["changes"]


def test_every_problem_is_listed_at_once_with_the_index_of_its_change() -> None:
    with pytest.raises(InvalidPlan) as refused:
        small_registry().reorganise(
            plan(REFORM, Rename("10", "Tỉnh Lào Cai"), Abolish("99999", "10")),
            RECORDER,
            RECORDED_AT,
        )
    assert [p.change for p in refused.value.problems] == [0, 1]


def test_a_valid_plan_records_its_changes_with_their_date_and_legal_basis() -> None:
    registry = small_registry()
    registry.collect_events()
    registry.reorganise(two_tier_reform(), RECORDER, RECORDED_AT)
    events = registry.collect_events()
    kinds = [type(e).__name__ for e in events]
    # The plan's mark, then 8 ceases (2 provinces, 2 districts, 4 communes), then 3 new units.
    assert kinds == ["Reorganised"] + ["UnitCeased"] * 8 + ["UnitEstablished"] * 3 + ["UnitMoved"]
    assert {(e.effective, e.legal_basis) for e in events} == {
        (REFORM, two_tier_reform().legal_basis)
    }


def test_a_unit_may_be_moved_and_renamed_at_once_but_not_renamed_as_it_ceases() -> None:
    # Like xã Tà Si Láng in 2025: left as it was, under the new province, spelt anew.
    registry = small_registry()
    registry.reorganise(
        plan(REFORM, Move("04252", "10"), Rename("04252", "Phường Yên Ninh Mới")),
        RECORDER,
        RECORDED_AT,
    )
    assert registry.history.tree_on(REFORM).get("04252") == Unit(
        "04252", "Phường Yên Ninh Mới", Level.COMMUNE, "10"
    )
    problems = refusal(
        small_registry(), plan(REFORM, Rename("02635", "Phường A"), Abolish("02635", "02641"))
    )
    assert list(problems) == ["changes[1].unit"]


def test_a_unit_moved_under_a_unit_the_plan_abolishes_names_the_abolition() -> None:
    problems = refusal(
        small_registry(),
        plan(REFORM, Abolish("132", "15"), Move("04249", "132"), Move("04252", "10")),
    )
    assert problems["changes[1].parent"] == (
        "its parent cannot be 132: unit 132 ceases in this plan (changes[0].unit)"
    )
    # A move to where the unit already is changes nothing: it is refused too.
    assert (
        "already"
        in refusal(small_registry(), plan(REFORM, Move("04249", "132")))["changes[0].parent"]
    )
