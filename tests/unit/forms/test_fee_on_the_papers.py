"""The fee on the papers: the receipt (01) says what is due, the control slip (06) when it
was paid; a receipt with nothing due prints as it always did."""

from __future__ import annotations

from datetime import timedelta

from application.forms.control_slip import control_slip
from application.forms.data import Receipt
from application.forms.issuance import FormNumber
from application.forms.letters import letter
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from tests.examples import CALENDAR, COPY, GATEWAY, MERIT, MONDAY_9AM, received_dossier, units_on
from tests.poppler import Poppler


def test_the_receipt_names_the_fee_due_and_the_slip_the_payment(
    renderer: FpdfFormRenderer, poppler: Poppler
) -> None:
    dossier = received_dossier(COPY)
    dossier.pay(2000, "VNPAY-123", GATEWAY, MONDAY_9AM + timedelta(days=1), CALENDAR)
    history = dossier.collect_events()
    receipt = letter(FormNumber.RECEIPT, history, units_on)
    assert isinstance(receipt, Receipt) and receipt.fee == "2.000 đồng"
    text = poppler.text(renderer.render(receipt), "receipt-with-fee")
    assert "Phí, lệ phí phải nộp: 2.000 đồng" in text
    paid = control_slip(history, units_on).steps[-1]
    assert paid.action == "Nộp phí, lệ phí"
    assert paid.note == "2.000 đồng, giao dịch VNPAY-123. Hẹn trả kết quả ngày 12/01/2027"


def test_a_receipt_with_no_fee_due_prints_no_fee_line() -> None:
    receipt = letter(FormNumber.RECEIPT, received_dossier(MERIT).collect_events(), units_on)
    assert isinstance(receipt, Receipt) and receipt.fee == ""
