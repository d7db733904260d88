"""Forms 01–05 print the dossier as it stood when the command issued them."""

from __future__ import annotations

from datetime import date

import pytest

from application.forms.data import Apology, Receipt, StopNotice, SupplementRequest
from application.forms.dossier_forms import dossier_form
from application.forms.errors import FormNotIssued
from application.forms.issuance import FormNumber
from application.forms.letters import letter
from application.forms.wording import dateline
from tests.examples import units_on
from tests.form_examples import refused_history, returned_history, stopped_history


def test_the_receipt_prints_the_appointment_made_at_receipt_not_a_later_one() -> None:
    history = returned_history()
    receipt = letter(FormNumber.RECEIPT, history, units_on)
    assert isinstance(receipt, Receipt)
    assert receipt.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    assert receipt.case.code == "02644-270111-0001"
    assert receipt.case.applicant == "Nguyễn Thị Mai"
    assert receipt.received_at == "09 giờ 15 phút, ngày 11/01/2027"
    # 20 working days from Monday 11/01/2027; the supplement and the apology moved the
    # dossier's date later, but not the slip already handed to the citizen.
    assert receipt.due_date == "12/02/2027"
    assert receipt.time_limit == "20 ngày làm việc"
    assert receipt.officer.role == "Cán bộ một cửa"
    assert receipt.letterhead.agency == "UBND PHƯỜNG CỐC LẾU"
    assert receipt.letterhead.authority == "UBND THÀNH PHỐ LÀO CAI"
    assert receipt.letterhead.dateline == "Cốc Lếu, ngày 11 tháng 01 năm 2027"
    # The same letter whatever happened afterwards.
    assert letter(FormNumber.RECEIPT, history[:2], units_on) == receipt


def test_the_supplement_request_lists_what_is_missing_and_why() -> None:
    request = dossier_form(FormNumber.SUPPLEMENT_REQUEST, returned_history(), units_on)
    assert isinstance(request, SupplementRequest)
    assert request.documents == ("Bản sao giấy khai sinh",)
    assert request.reason == "Thiếu bản sao giấy khai sinh"


def test_the_apology_is_signed_by_the_handling_unit_with_the_old_and_new_dates() -> None:
    apology = letter(FormNumber.APOLOGY, returned_history(), units_on)
    assert isinstance(apology, Apology)
    assert apology.letterhead.agency == "UBND TỈNH LÀO CAI"
    assert apology.letterhead.office == ""
    assert (apology.received_on, apology.due_date, apology.new_due_date) == (
        "11/01/2027",
        "15/02/2027",
        "22/02/2027",
    )


def test_the_stop_notice_and_the_intake_refusal_carry_their_reasons() -> None:
    notice = letter(FormNumber.STOP_NOTICE, stopped_history(), units_on)
    assert isinstance(notice, StopNotice)
    assert notice.reason == "Người nộp hồ sơ đã qua đời"
    assert notice.officer.role == "Lãnh đạo"
    refusal = letter(FormNumber.INTAKE_REFUSAL, refused_history(), units_on)
    assert refusal.case.code == "02644-270112-0002"


def test_a_form_the_history_did_not_issue_is_not_found() -> None:
    with pytest.raises(FormNotIssued):
        letter(FormNumber.INTAKE_REFUSAL, returned_history(), units_on)
    with pytest.raises(FormNotIssued):
        letter(FormNumber.RECEIPT, returned_history(), units_on, version=3)
    with pytest.raises(FormNotIssued):
        dossier_form(FormNumber.CONTROL_SLIP, refused_history(), units_on)
    with pytest.raises(FormNotIssued):
        dossier_form(FormNumber.LOG_BOOK, returned_history(), units_on)
    with pytest.raises(FormNotIssued):
        dossier_form(FormNumber.CONTROL_SLIP, [], units_on)


@pytest.mark.parametrize(
    ("on", "printed"),
    [
        (date(2027, 1, 5), "Cốc Lếu, ngày 05 tháng 01 năm 2027"),
        (date(2027, 2, 28), "Cốc Lếu, ngày 28 tháng 02 năm 2027"),
        (date(2027, 3, 9), "Cốc Lếu, ngày 09 tháng 3 năm 2027"),
        (date(2027, 12, 24), "Cốc Lếu, ngày 24 tháng 12 năm 2027"),
    ],
)
def test_the_date_line_pads_days_below_10_and_months_below_3(on: date, printed: str) -> None:
    assert dateline("Cốc Lếu", on) == printed
