"""Whose past a unit carries (domain.units.heirs), on the real reference history."""

from __future__ import annotations

from datetime import date

from domain.units.heirs import carried_codes
from tests.switch_examples import reference_history


def test_the_new_xa_bat_xat_carries_the_five_communes_it_was_formed_from() -> None:
    assert carried_codes(reference_history(), {"02683"}) == {
        "02683",  # thị trấn Bát Xát, whose code it kept
        "02710",
        "02716",
        "02734",
        "02743",
    }


def test_the_new_province_carries_both_old_provinces_their_districts_and_communes() -> None:
    history = reference_history()
    today = history.tree_on(date(2026, 1, 1))
    carried = carried_codes(history, today.subtree("15"))
    eve = history.tree_on(date(2025, 6, 30))
    assert {"10", "15", "082"} <= carried
    assert {unit.code for unit in eve} <= carried
