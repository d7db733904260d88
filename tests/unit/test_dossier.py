"""The dossier workflow, command by command: what each allows and what it refuses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Document, Dossier
from domain.dossiers.errors import (
    AlreadyApologized,
    AlreadyRated,
    InvalidAppointment,
    InvalidTransition,
    NotOnRoute,
)
from domain.dossiers.register import ReceiptRegister
from domain.dossiers.status import PORTAL_STATUS, Channel, Rating, Status
from domain.shared import Role
from tests.examples import (
    BAT_XAT,
    BIRTH,
    CALENDAR,
    CITY,
    CLERK,
    KIM_TAN,
    LEADER,
    MONDAY_9AM,
    PROVINCE,
    SPECIALIST,
    UNITS,
    officer,
    received_dossier,
    submitted_dossier,
)

DAY = timedelta(days=1)


def at_province(dossier: Dossier) -> Dossier:
    """Walk a commune → district → province dossier up to its decision step."""
    dossier.transfer(CITY, "thẩm định", UNITS, CLERK, MONDAY_9AM + DAY)
    dossier.transfer(PROVINCE, None, UNITS, officer(Role.SPECIALIST, CITY), MONDAY_9AM + 2 * DAY)
    return dossier


def test_desk_receipt_sets_the_due_date_in_working_days_across_tet() -> None:
    dossier = received_dossier()
    # 20 working days from Monday 11 Jan 2027 skip the Tết block of 5-10 Feb.
    assert dossier.status == Status.IN_PROCESSING
    assert dossier.due_date == date(2027, 2, 12)
    assert dossier.received_at == MONDAY_9AM
    assert dossier.current_unit == dossier.receiving_unit
    assert dossier.version == 2


def test_an_online_submission_waits_for_the_desk() -> None:
    dossier = submitted_dossier()
    assert dossier.status == Status.SUBMITTED
    assert dossier.due_date is None
    with pytest.raises(InvalidTransition, match="submitted"):
        dossier.approve({}, None, LEADER, MONDAY_9AM)


def test_refusal_at_intake_is_final() -> None:
    dossier = submitted_dossier()
    dossier.refuse_intake("hồ sơ không thuộc thẩm quyền", CLERK, MONDAY_9AM)
    assert dossier.status == Status.INTAKE_REFUSED and dossier.is_terminal
    with pytest.raises(InvalidTransition, match="intake_refused"):
        dossier.receive(CLERK, MONDAY_9AM, CALENDAR)


def test_intake_cannot_be_refused_once_received() -> None:
    with pytest.raises(InvalidTransition, match="in_processing"):
        received_dossier().refuse_intake("late", CLERK, MONDAY_9AM)


def test_supplement_stops_the_clock_and_moves_the_due_date_by_the_days_waited() -> None:
    dossier = received_dossier()
    dossier.request_supplement("thiếu bản sao CCCD", ("Bản sao CCCD",), SPECIALIST, MONDAY_9AM)
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    assert not dossier.is_overdue(date(2027, 12, 31)), "the clock is stopped while waiting"
    # Handed in the next Monday: five working days spent waiting (Tue..Mon).
    dossier.supplement((Document("Bản sao CCCD"),), CLERK, MONDAY_9AM + 7 * DAY, CALENDAR)
    assert dossier.status == Status.IN_PROCESSING
    assert dossier.due_date == date(2027, 2, 19)
    assert [d.name for d in dossier.documents] == ["Bản khai", "Bản sao CCCD"]


def test_supplement_at_intake_returns_to_the_desk_without_a_due_date() -> None:
    dossier = submitted_dossier()
    dossier.request_supplement("thiếu tờ khai", ("Tờ khai",), CLERK, MONDAY_9AM)
    dossier.supplement((Document("Tờ khai"),), CLERK, MONDAY_9AM + DAY, CALENDAR)
    assert dossier.status == Status.SUBMITTED and dossier.due_date is None


def test_supplement_only_when_asked() -> None:
    with pytest.raises(InvalidTransition, match="in_processing"):
        received_dossier().supplement((), CLERK, MONDAY_9AM, CALENDAR)


def test_transfers_follow_the_route_to_the_receiving_units_own_ancestors() -> None:
    dossier = at_province(received_dossier())
    assert dossier.current_unit == PROVINCE
    assert dossier.visited_units == (dossier.receiving_unit, CITY, PROVINCE)


def test_transfer_to_another_district_is_refused() -> None:
    with pytest.raises(NotOnRoute, match=f"{CITY}, not {BAT_XAT}"):
        received_dossier().transfer(BAT_XAT, None, UNITS, CLERK, MONDAY_9AM)


def test_transfer_skipping_a_level_is_refused() -> None:
    with pytest.raises(NotOnRoute):
        received_dossier().transfer(PROVINCE, None, UNITS, CLERK, MONDAY_9AM)


def test_no_transfer_beyond_the_last_processing_step() -> None:
    dossier = at_province(received_dossier())
    with pytest.raises(NotOnRoute, match="no further"):
        dossier.transfer(KIM_TAN, None, UNITS, LEADER, MONDAY_9AM + 3 * DAY)


def test_a_commune_only_procedure_never_leaves_the_commune() -> None:
    with pytest.raises(NotOnRoute):
        received_dossier(BIRTH).transfer(CITY, None, UNITS, CLERK, MONDAY_9AM)


def test_approval_only_at_the_decide_step_and_it_goes_back_to_the_receiving_unit() -> None:
    dossier = received_dossier()
    with pytest.raises(NotOnRoute, match="does not decide"):
        dossier.approve({"decision": "QĐ 12"}, None, LEADER, MONDAY_9AM)
    at_province(dossier).approve(
        {"decision": "QĐ 12"}, "đủ điều kiện", officer(Role.LEADER, PROVINCE), MONDAY_9AM + 3 * DAY
    )
    assert dossier.status == Status.APPROVED
    assert dossier.current_unit == dossier.receiving_unit
    assert dossier.result == {"decision": "QĐ 12"}


def test_refusal_carries_its_reasons_back_to_the_receiving_unit() -> None:
    dossier = at_province(received_dossier())
    dossier.refuse("không đủ điều kiện", officer(Role.LEADER, PROVINCE), MONDAY_9AM + 3 * DAY)
    assert dossier.status == Status.REFUSED
    assert dossier.current_unit == dossier.receiving_unit
    assert dossier.result == {"refusal_reason": "không đủ điều kiện"}


def test_result_returned_then_rated_once() -> None:
    dossier = received_dossier(BIRTH)
    with pytest.raises(InvalidTransition, match="in_processing"):
        dossier.return_result(Channel.DESK, CLERK, MONDAY_9AM)
    dossier.approve({}, None, LEADER, MONDAY_9AM)
    with pytest.raises(InvalidTransition, match="approved"):
        dossier.rate(Rating.SATISFIED, None, CLERK, MONDAY_9AM)
    dossier.return_result(Channel.DESK, CLERK, MONDAY_9AM)
    assert dossier.status == Status.RESULT_RETURNED and dossier.is_terminal
    dossier.rate(Rating.SATISFIED, "nhanh", CLERK, MONDAY_9AM)
    assert dossier.rating == Rating.SATISFIED
    with pytest.raises(AlreadyRated):
        dossier.rate(Rating.DISSATISFIED, None, CLERK, MONDAY_9AM)


def test_withdrawal_only_before_a_decision() -> None:
    waiting = received_dossier()
    waiting.request_supplement("thiếu", ("x",), CLERK, MONDAY_9AM)
    waiting.withdraw("công dân rút hồ sơ", CLERK, MONDAY_9AM)
    assert waiting.status == Status.WITHDRAWN
    decided = received_dossier(BIRTH)
    decided.approve({}, None, LEADER, MONDAY_9AM)
    with pytest.raises(InvalidTransition, match="approved"):
        decided.withdraw("too late", CLERK, MONDAY_9AM)


def test_apology_sets_a_later_appointment_and_the_dossier_counts_as_late() -> None:
    dossier = received_dossier()
    with pytest.raises(InvalidAppointment):
        dossier.apologize("xác minh thực địa", date(2027, 2, 12), LEADER, MONDAY_9AM, CALENDAR)
    dossier.apologize("xác minh thực địa", date(2027, 2, 26), LEADER, MONDAY_9AM, CALENDAR)
    assert dossier.due_date == date(2027, 2, 26)
    assert dossier.is_late


def test_the_appointment_is_re_set_once() -> None:
    dossier = received_dossier()
    dossier.apologize("xác minh thực địa", date(2027, 2, 26), LEADER, MONDAY_9AM, CALENDAR)
    with pytest.raises(AlreadyApologized):
        dossier.apologize("lần nữa", date(2027, 3, 26), LEADER, MONDAY_9AM, CALENDAR)
    assert dossier.due_date == date(2027, 2, 26)


def _apology_on(day: date) -> Any:
    """A merit dossier received on Monday 11/01/2027 (due Friday 12/02), apologised for
    at 16:00 on ``day``: its apology event."""
    dossier = received_dossier()
    assert dossier.due_date == date(2027, 2, 12)
    at = datetime.combine(day, time(16), tzinfo=VIETNAM_TZ)
    dossier.apologize("xác minh", date(2027, 2, 26), LEADER, at, CALENDAR)
    return dossier.collect_events()[-1]


def test_an_apology_after_the_working_day_before_the_due_date_is_a_late_notice() -> None:
    # Thursday 11/02, the last working day before Friday's due date: still in time.
    assert _apology_on(date(2027, 2, 11)).late_notice is False
    # On the due date itself, and after it: late.
    assert _apology_on(date(2027, 2, 12)).late_notice is True
    assert _apology_on(date(2027, 2, 15)).late_notice is True


def test_stopping_ends_the_dossier_and_admits_nothing_after() -> None:
    dossier = received_dossier()
    dossier.stop_processing("người nộp đã qua đời", LEADER, MONDAY_9AM)
    assert dossier.status == Status.STOPPED and dossier.is_terminal
    assert PORTAL_STATUS[Status.STOPPED] == 8
    for command in ("approve", "refuse", "return_result", "withdraw", "stop", "apologize"):
        assert not dossier.allows(command)


def test_overdue_after_the_due_date_and_late_when_decided_after_it() -> None:
    dossier = received_dossier(BIRTH)
    assert dossier.due_date == date(2027, 1, 11)
    assert not dossier.is_overdue(date(2027, 1, 11))
    assert dossier.is_overdue(date(2027, 1, 12))
    dossier.approve({}, None, LEADER, MONDAY_9AM + DAY)
    assert dossier.is_late and not dossier.is_overdue(date(2027, 1, 12))


def test_a_refused_command_names_the_state() -> None:
    dossier = received_dossier(BIRTH)
    dossier.withdraw("rút", CLERK, MONDAY_9AM)
    with pytest.raises(InvalidTransition) as refused:
        dossier.request_supplement("x", (), CLERK, MONDAY_9AM)
    assert refused.value.status == "withdrawn"
    assert "withdrawn" in str(refused.value)


def test_every_state_maps_onto_a_national_portal_status() -> None:
    assert set(PORTAL_STATUS) == set(Status)
    # 8 is "processing stopped"; a refusal is a finished processing (9), as an approval.
    assert PORTAL_STATUS[Status.STOPPED] == 8
    assert PORTAL_STATUS[Status.REFUSED] == PORTAL_STATUS[Status.APPROVED] == 9
    assert len(set(PORTAL_STATUS.values())) == len(Status) - 1


def test_every_event_records_who_and_when() -> None:
    dossier = received_dossier()
    for recorded in dossier.collect_events():
        assert recorded.actor == CLERK
        assert recorded.timestamp == MONDAY_9AM


def test_the_receipt_register_resumes_from_its_version_alone() -> None:
    register = ReceiptRegister.open(KIM_TAN, date(2027, 1, 11), MONDAY_9AM)
    codes = [register.enter(MONDAY_9AM) for _ in range(3)]
    resumed = ReceiptRegister.at_version(KIM_TAN, date(2027, 1, 11), register.version, MONDAY_9AM)
    assert codes[-1] == f"{KIM_TAN}-270111-0003"
    assert resumed.enter(MONDAY_9AM) == register.enter(MONDAY_9AM) == f"{KIM_TAN}-270111-0004"
    assert resumed.version == register.version
