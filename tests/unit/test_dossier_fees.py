"""A procedure's fee: due on receipt, the clock waiting for it, paid once and in full."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.dossiers.errors import InvalidTransition, WrongAmount
from domain.dossiers.status import PORTAL_STATUS, Status
from projections.outbound.portal.statuses import statuses_of, step_text
from projections.statistics import CounterKey, Measure, counter_changes
from tests.examples import (
    CALENDAR,
    CLERK,
    COC_LEU,
    COPY,
    GATEWAY,
    MERIT,
    MONDAY_9AM,
    SPECIALIST,
    received_dossier,
    submitted_dossier,
)


def test_a_procedure_with_a_fee_waits_for_it_on_receipt_with_the_clock_stopped() -> None:
    dossier = received_dossier(COPY)  # 2,000 VND, settled the same day
    assert dossier.fee_vnd == 2000 and dossier.fee_due_vnd == 2000
    assert dossier.status == Status.AWAITING_PAYMENT
    assert PORTAL_STATUS[dossier.status] == 6
    assert dossier.due_date == date(2027, 1, 11)
    assert not dossier.is_overdue(date(2027, 1, 20))  # waiting for the citizen is not late

    # Paid on Wednesday: two working days waited, the appointment moves by two.
    dossier.pay(2000, "GD-0001", GATEWAY, MONDAY_9AM + timedelta(days=2), CALENDAR)
    assert dossier.status == Status.IN_PROCESSING
    assert dossier.due_date == date(2027, 1, 13)
    assert dossier.fee_due_vnd == 0
    assert dossier.payment is not None and dossier.payment.transaction_id == "GD-0001"


def test_a_free_procedure_goes_straight_to_processing_and_takes_no_payment() -> None:
    dossier = received_dossier(MERIT)  # 0 VND
    assert dossier.status == Status.IN_PROCESSING and dossier.fee_due_vnd == 0
    with pytest.raises(InvalidTransition):
        dossier.pay(0, "GD-0002", GATEWAY, MONDAY_9AM, CALENDAR)


def test_only_the_fee_due_to_the_dong_is_taken_and_only_once() -> None:
    dossier = received_dossier(COPY)
    for wrong in (1999, 2001, 0):
        with pytest.raises(WrongAmount) as refused:
            dossier.pay(wrong, "GD-0003", GATEWAY, MONDAY_9AM, CALENDAR)
        assert (refused.value.due_vnd, refused.value.paid_vnd) == (2000, wrong)
    assert dossier.status == Status.AWAITING_PAYMENT
    assert [type(e).__name__ for e in dossier.pending_events] == ["Submitted", "Received"]
    dossier.pay(2000, "GD-0003", GATEWAY, MONDAY_9AM, CALENDAR)
    with pytest.raises(InvalidTransition):
        dossier.pay(2000, "GD-0004", GATEWAY, MONDAY_9AM, CALENDAR)


def test_unpaid_it_is_neither_processed_nor_decided_but_may_be_withdrawn() -> None:
    dossier = received_dossier(COPY)
    with pytest.raises(InvalidTransition):
        dossier.request_supplement("thiếu", ("Bản sao",), SPECIALIST, MONDAY_9AM)
    assert not dossier.allows("approve") and not dossier.allows("transfer")
    dossier.withdraw("không nộp phí", CLERK, MONDAY_9AM)
    assert dossier.status == Status.WITHDRAWN


def test_an_online_submission_is_not_charged_before_the_desk_receives_it() -> None:
    dossier = submitted_dossier(COPY)
    assert dossier.status == Status.SUBMITTED and dossier.fee_due_vnd == 0


def test_statistics_count_payments_and_add_up_the_fees_collected() -> None:
    dossier = received_dossier(COPY)
    before = received_dossier(COPY)
    dossier.pay(2000, "GD-0005", GATEWAY, MONDAY_9AM, CALENDAR)
    paid = dossier.pending_events[-1]
    changes = counter_changes(before, dossier, paid)
    day = date(2027, 1, 11).toordinal()
    assert changes[CounterKey(COC_LEU, Measure.PAID, day, COPY)] == 1
    assert changes[CounterKey(COC_LEU, Measure.FEES_COLLECTED, day, COPY)] == 2000
    # out of the stock waiting for payment, into the one in processing
    waiting = CounterKey(COC_LEU, Measure.AWAITING_PAYMENT, day, COPY)
    processing = CounterKey(COC_LEU, Measure.IN_PROCESSING, day, COPY)
    assert (changes[waiting], changes[processing]) == (-1, 1)


def test_the_portal_sees_fees_due_then_processing() -> None:
    assert statuses_of("Received", "awaiting_payment") == (2, 6)
    assert statuses_of("Paid", "in_processing") == (4,)
    assert step_text("Paid", 4) == "Công dân đã nộp phí, lệ phí"
