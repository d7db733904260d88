"""Which step of the law issues which form: a pure mapping from commands and events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FormNumber(StrEnum):
    """The forms' numbers in Annex I of Circular 03/2025/TT-VPCP."""

    RECEIPT = "01"
    SUPPLEMENT_REQUEST = "02"
    INTAKE_REFUSAL = "03"
    APOLOGY = "04"
    STOP_NOTICE = "05"
    CONTROL_SLIP = "06"
    LOG_BOOK = "07"


TITLES: dict[FormNumber, str] = {
    FormNumber.RECEIPT: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    FormNumber.SUPPLEMENT_REQUEST: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    FormNumber.INTAKE_REFUSAL: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    FormNumber.APOLOGY: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    FormNumber.STOP_NOTICE: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    FormNumber.CONTROL_SLIP: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    FormNumber.LOG_BOOK: "SỔ THEO DÕI HỒ SƠ",
}

# The dossier's commands that issue a form, and the events they record.
ISSUED_BY_COMMAND: dict[str, FormNumber] = {
    "receive": FormNumber.RECEIPT,
    "request_supplement": FormNumber.SUPPLEMENT_REQUEST,
    "refuse_intake": FormNumber.INTAKE_REFUSAL,
    "apologize": FormNumber.APOLOGY,
    "stop": FormNumber.STOP_NOTICE,
}
ISSUED_BY_EVENT: dict[str, FormNumber] = {
    "Received": FormNumber.RECEIPT,
    "SupplementRequested": FormNumber.SUPPLEMENT_REQUEST,
    "IntakeRefused": FormNumber.INTAKE_REFUSAL,
    "Apologized": FormNumber.APOLOGY,
    "Stopped": FormNumber.STOP_NOTICE,
}


def event_name(domain_event: object) -> str:
    """``Dossier.Received`` → ``Received``: events are declared inside their aggregate."""
    return type(domain_event).__name__


def form_issued_by(domain_event: object) -> FormNumber | None:
    """The form this event's command issued, if any."""
    return ISSUED_BY_EVENT.get(event_name(domain_event))


@dataclass(frozen=True)
class IssuedForm:
    """A form a command issued: its number and the stream version of that command's event."""

    number: FormNumber
    version: int


def issued_forms(events: Iterable[Any]) -> tuple[IssuedForm, ...]:
    """Every form the dossier's history issued, oldest first (02 may be issued more than once)."""
    return tuple(
        IssuedForm(number, domain_event.originator_version)
        for domain_event in events
        if (number := form_issued_by(domain_event)) is not None
    )


def available_forms(events: Sequence[Any]) -> tuple[FormNumber, ...]:
    """The numbers a dossier can print, from its events (see :func:`printable`)."""
    return printable(event_name(domain_event) for domain_event in events)


def printable(event_names: Iterable[str]) -> tuple[FormNumber, ...]:
    """The numbers a dossier can print, from the names of its events: those its history
    issued, and its control slip (06) from its receipt on."""
    numbers = {ISSUED_BY_EVENT[name] for name in event_names if name in ISSUED_BY_EVENT}
    if FormNumber.RECEIPT in numbers:
        numbers.add(FormNumber.CONTROL_SLIP)
    return tuple(sorted(numbers))
