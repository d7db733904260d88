"""The tree of any day, and who came before and after whom, from the recorded events."""

from __future__ import annotations

from datetime import date

import pytest

from domain.units import Level, NoSingleSuccessor, UnitRegistry, UnknownUnit
from tests.units_examples import (
    LISTED,
    RECORDED_AT,
    RECORDER,
    REFORM,
    small_registry,
    two_tier_reform,
)

EVE = date(2025, 6, 30)


def reformed() -> UnitRegistry:
    registry = small_registry()
    registry.reorganise(two_tier_reform(), RECORDER, RECORDED_AT)
    return registry


def test_the_tree_of_a_day_is_a_unit_tree_callers_already_know() -> None:
    history = reformed().history
    # The eve of the reform: three tiers, Kim Tân under TP Lào Cai under Tỉnh Lào Cai (10).
    before = history.tree_on(EVE)
    assert [u.code for u in before.lineage("02647")] == ["02647", "080", "10"]
    assert before.get("02647").name == "Phường Kim Tân"
    # From 1 July 2025: two tiers, code 02647 names the new phường Lào Cai under province 15.
    after = history.tree_on(REFORM)
    assert [u.code for u in after.lineage("02647")] == ["02647", "15"]
    assert after.get("02647").name == "Phường Lào Cai"
    assert after.get("15").name == "Tỉnh Lào Cai"
    assert after.at_level("04252", Level.DISTRICT) is None
    assert after.subtree("15") == {"15", "02647", "04249", "04252"}


def test_nothing_is_in_force_before_it_is_listed() -> None:
    history = reformed().history
    assert len(history.tree_on(date(2020, 2, 29))) == 0
    assert history.is_live("02635", LISTED) and history.is_live("02635", EVE)
    assert not history.is_live("02635", REFORM)


def test_a_reused_code_names_two_units_each_in_its_own_period() -> None:
    history = reformed().history
    old, new = history.periods("15")
    assert (old.name, old.valid_from, old.valid_until) == ("Tỉnh Yên Bái", LISTED, EVE)
    assert (new.name, new.valid_from, new.valid_until) == ("Tỉnh Lào Cai", REFORM, None)
    assert new.legal_basis == old.ceased_by


def test_predecessors_and_successors_link_the_periods() -> None:
    history = reformed().history
    new_ward = history.period_on("02647", REFORM)
    assert new_ward is not None
    assert [p.name for p in history.predecessors(new_ward)] == [
        "Phường Duyên Hải",
        "Phường Lào Cai",
        "Phường Kim Tân",
    ]
    old_ward = history.period_on("02635", EVE)
    assert old_ward is not None
    assert history.successors(old_ward) == (new_ward,)
    # An abolished district's successor names no predecessor of its own, yet lists it.
    province = history.period_on("15", REFORM)
    assert province is not None
    assert {p.code for p in history.predecessors(province)} == {"10", "15", "080", "132"}


def test_a_commune_of_the_old_tree_is_located_in_the_new_one() -> None:
    history = reformed().history
    # A dossier filed at phường Duyên Hải in 2024 belongs, from the reform on, to phường Lào Cai.
    assert history.locate("02635", date(2024, 5, 2), date(2026, 1, 5)).name == "Phường Lào Cai"
    # Yên Ninh was left as it was: it holds its own place, now under the new province.
    assert history.locate("04252", EVE, REFORM).parent == "15"
    # Before the reform nothing has moved yet.
    assert history.locate("02635", date(2024, 5, 2), EVE).code == "02635"


def test_locating_a_unit_that_was_never_there_is_refused() -> None:
    history = reformed().history
    with pytest.raises(UnknownUnit):
        history.locate("02635", REFORM, REFORM)
    with pytest.raises(UnknownUnit):
        history.successors_on("99999", EVE, REFORM)


def test_an_abolished_district_is_followed_to_its_successor_and_only_forward() -> None:
    history = reformed().history
    assert [u.code for u in history.successors_on("080", EVE, REFORM)] == ["15"]
    # Succession runs forward in time: the new phường Lào Cai was nowhere on the eve.
    with pytest.raises(NoSingleSuccessor):
        history.locate("02647", REFORM, EVE)


def test_replaying_the_events_rebuilds_the_same_history() -> None:
    registry = reformed()
    replayed = None
    for recorded in registry.collect_events():
        replayed = recorded.mutate(replayed)
    assert isinstance(replayed, UnitRegistry)
    assert list(replayed.history) == list(registry.history)
    assert replayed.fingerprints == registry.fingerprints
