"""What the rest of a route is expected to take, and how that becomes a risk."""

from __future__ import annotations

import pytest

from domain.clock.risk import Stints, expected_remaining, risk


def test_with_no_history_each_stop_takes_its_share_of_the_limit() -> None:
    # 21 working days over three stops (decision at the third): 7 each.
    assert expected_remaining(0, 0, 2, 21, {}) == pytest.approx(21)
    # Four days spent at the first stop leave three of its seven, then 7 + 7.
    assert expected_remaining(0, 4, 2, 21, {}) == pytest.approx(17)


def test_history_outweighs_the_prior_as_it_grows() -> None:
    fast = {1: Stints(count=97, working_days=97)}  # the district took a day, 97 times
    # (97 × 1 + 3 × 7) / 100 = 1.18 for the district, then 7 for the province.
    assert expected_remaining(1, 0, 2, 21, fast) == pytest.approx(8.18)


@pytest.mark.parametrize(
    ("remaining", "expected", "low", "high"),
    [(10, 10, 0.49, 0.51), (10, 20, 0.98, 1.0), (10, 5, 0.0, 0.15), (0, 2, 1.0, 1.0)],
)
def test_risk_grows_with_the_ratio_of_expected_to_left(
    remaining: int, expected: float, low: float, high: float
) -> None:
    assert low <= risk(remaining, expected) <= high


def test_an_overdue_dossier_is_certain_to_be_late() -> None:
    assert risk(-3, 0.0) == 1.0
