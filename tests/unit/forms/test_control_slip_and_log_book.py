"""Form 06 follows the dossier's stream step by step; form 07 the desk's dossiers of a period."""

from __future__ import annotations

from datetime import date

import pytest

from application.forms.control_slip import control_slip
from application.forms.errors import InvalidPeriod
from application.forms.log_book import log_book
from domain.dossiers.dossier import Handover
from tests.examples import COC_LEU, UNITS, units_on
from tests.form_examples import (
    CALENDAR,
    CLERK,
    at,
    refused_history,
    returned_history,
    stopped_history,
    submitted,
)


def test_the_control_slip_has_a_line_per_event_with_unit_officer_and_time() -> None:
    slip = control_slip(returned_history(), units_on)
    assert [step.index for step in slip.steps] == list(range(1, 10))
    transfer = slip.steps[5]
    assert transfer.action == "Chuyển hồ sơ đến Tỉnh Lào Cai"
    assert (transfer.unit, transfer.officer, transfer.at) == (
        "Thành phố Lào Cai",
        "Chuyên viên (Vàng A Sử)",
        "09:00 19/01/2027",
    )
    # The decision and the return are measured against the appointment then in force.
    decision, returned = slip.steps[7], slip.steps[8]
    assert (decision.action, decision.result) == ("Phê duyệt kết quả giải quyết", "Trước hạn")
    assert returned.result == "Trước hạn"
    assert slip.handling_units == ("Phường Cốc Lếu", "Thành phố Lào Cai", "Tỉnh Lào Cai")
    assert slip.due_date == "22/02/2027"


def test_the_control_slip_as_of_an_earlier_instant_shows_only_the_steps_till_then() -> None:
    slip = control_slip(returned_history()[:5], units_on)
    assert [step.action for step in slip.steps][-1] == "Chuyển hồ sơ đến Thành phố Lào Cai"


def test_the_log_book_lists_the_dossiers_the_desk_received_in_the_period() -> None:
    histories = [stopped_history()[:-1], returned_history(), refused_history()]
    book = log_book(COC_LEU, date(2027, 1, 1), date(2027, 1, 31), histories, UNITS)
    assert book.title == "SỔ THEO DÕI HỒ SƠ"
    assert book.period == "từ ngày 01/01/2027 đến ngày 31/01/2027"
    # Refused at intake: never received, so not in the book; the others in receipt order.
    assert [entry.code for entry in book.entries] == ["02644-270111-0001", "02644-270111-0003"]
    returned = book.entries[0]
    assert (returned.received_on, returned.transferred_on, returned.decided_on) == (
        "11/01/2027",
        "13/01/2027",
        "12/02/2027",
    )
    assert (returned.returned_on, returned.handling_unit) == ("15/02/2027", "Tỉnh Lào Cai")
    assert returned.note == "Đã trả kết quả; trễ hạn"  # an apology counts as late
    assert book.entries[1].note == "Đang giải quyết"


def test_the_log_book_leaves_out_other_units_and_other_days() -> None:
    histories = [returned_history()]
    assert log_book("02647", date(2027, 1, 1), date(2027, 1, 31), histories, UNITS).entries == ()
    assert log_book(COC_LEU, date(2027, 1, 12), date(2027, 1, 31), histories, UNITS).entries == ()
    with pytest.raises(InvalidPeriod):
        log_book(COC_LEU, date(2027, 2, 1), date(2027, 1, 31), histories, UNITS)


def test_a_dossier_handed_over_stays_in_the_book_of_the_desk_that_received_it() -> None:
    # Received at Cốc Lếu's desk; a later switch hands the desk's open dossiers to another
    # ward. The book of Cốc Lếu for the period still lists it, the other ward's does not.
    dossier = submitted()
    dossier.receive(CLERK, at(0, 0.25), CALENDAR)
    moved = Handover(
        date(2027, 1, 20), "Nghị quyết", COC_LEU, "Phường Cốc Lếu", "02647", "Phường mới",
        COC_LEU, "Phường Cốc Lếu", "02647", "Phường mới",
    )  # fmt: skip
    dossier.hand_over(moved, CLERK, at(9))
    histories = [list(dossier.collect_events())]
    period = (date(2027, 1, 1), date(2027, 1, 31))
    assert [e.code for e in log_book(COC_LEU, *period, histories, UNITS).entries] == [
        "02644-270111-0001"
    ]
    assert log_book("02647", *period, histories, UNITS).entries == ()
