"""Where the switch of 2025-07-01 puts an open dossier (domain.dossiers.handover)."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.dossiers.dossier import Dossier
from domain.dossiers.handover import handover_at
from domain.dossiers.status import Channel, Status
from domain.shared import Actor, Role
from tests.examples import CATALOG
from tests.switch_examples import (
    BAT_XAT_DISTRICT,
    SWITCH,
    XA_BAT_XAT,
    at_the_district_on_the_eve,
    reference_history,
)

SYSTEM = Actor("system:handover", Role.ADMIN, "15")
MORNING = datetime(2025, 6, 30, 17, 0, tzinfo=UTC)  # 00:00 on 1 July in Hà Nội


def test_a_dossier_at_a_ceased_district_goes_where_the_new_route_decides() -> None:
    dossier = at_the_district_on_the_eve()
    due = dossier.due_date
    handover = handover_at(dossier, reference_history(), CATALOG, SWITCH)
    assert handover is not None
    # The allowance is decided at the commune from 1 July: the new xã Bát Xát takes the
    # district's work, and is the desk too (the old xã Bát Xát ceased into it).
    assert (handover.from_unit, handover.from_unit_name) == (BAT_XAT_DISTRICT, "Huyện Bát Xát")
    assert (handover.to_unit, handover.to_desk) == (XA_BAT_XAT, XA_BAT_XAT)
    assert handover.to_unit_name == "Xã Bát Xát" and "1673" in handover.legal_basis
    dossier.hand_over(handover, SYSTEM, MORNING)
    assert dossier.due_date == due and dossier.status == Status.IN_PROCESSING
    assert BAT_XAT_DISTRICT in dossier.visited_units
    # It goes on at the new commune: its leader decides, its desk returns the result.
    leader = Actor("leader", Role.LEADER, XA_BAT_XAT)
    dossier.approve({"so": "1/QĐ"}, None, leader, MORNING)
    dossier.return_result(Channel.DESK, Actor("clerk", Role.CLERK, XA_BAT_XAT), MORNING)
    assert dossier.status == Status.RESULT_RETURNED


def test_a_commune_dossier_goes_to_the_commune_formed_from_it() -> None:
    dossier = at_the_district_on_the_eve(commune="02689")  # xã Nậm Chạc, into A Mú Sung
    handover = handover_at(dossier, reference_history(), CATALOG, SWITCH)
    assert handover is not None
    assert (handover.from_desk, handover.to_desk, handover.to_desk_name) == (
        "02689",
        "02686",
        "Xã A Mú Sung",
    )
    assert handover.to_unit == "02686"


def test_once_handed_over_the_switch_has_nothing_more_to_do() -> None:
    dossier = at_the_district_on_the_eve()
    handover = handover_at(dossier, reference_history(), CATALOG, SWITCH)
    assert handover is not None
    dossier.hand_over(handover, SYSTEM, MORNING)
    assert handover_at(dossier, reference_history(), CATALOG, SWITCH) is None
    replayed = Dossier.__new__(Dossier)
    for event in dossier.collect_events():
        replayed = event.mutate(replayed if event.originator_version > 1 else None)
    assert (replayed.current_unit, replayed.receiving_unit) == (XA_BAT_XAT, XA_BAT_XAT)


def test_a_closed_dossier_stays_where_it_ended() -> None:
    dossier = at_the_district_on_the_eve()
    dossier.withdraw("Không cần nữa", Actor("c", Role.CLERK, XA_BAT_XAT), MORNING)
    assert handover_at(dossier, reference_history(), CATALOG, SWITCH) is None
