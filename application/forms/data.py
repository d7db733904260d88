"""Each form's data: every fact it prints, already worded and dated (dd/mm/yyyy).

A renderer only lays these out; it decides no wording and reads no clock. ``issued_at``
is the instant of the step that issued the form: the PDF's own date comes from it, so
the same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from application.forms.issuance import TITLES, FormNumber


@dataclass(frozen=True)
class Letterhead:
    """The top of every form: the issuing agency, its parent, and the date line."""

    authority: str  # "UBND THÀNH PHỐ LÀO CAI"; empty for a province
    agency: str  # "UBND PHƯỜNG CỐC LẾU"
    office: str  # "BỘ PHẬN MỘT CỬA", or empty when the agency itself signs
    dateline: str  # "Cốc Lếu, ngày 11 tháng 01 năm 2027"


@dataclass(frozen=True)
class Officer:
    role: str  # "Cán bộ một cửa"
    name: str  # the officer's identity as the token names them
    unit: str  # the unit's name


@dataclass(frozen=True)
class Case:
    """What identifies the dossier on every letter."""

    code: str
    procedure: str
    applicant: str
    address: str
    phone: str
    desk: str  # the receiving unit's name


@dataclass(frozen=True)
class Form:
    number: ClassVar[FormNumber]
    letterhead: Letterhead
    issued_at: datetime

    @property
    def title(self) -> str:
        return TITLES[self.number]


@dataclass(frozen=True)
class Letter(Form):
    """Forms 01–05: a paper about one dossier, signed by the officer who issued it."""

    case: Case
    officer: Officer


@dataclass(frozen=True)
class Receipt(Letter):
    number = FormNumber.RECEIPT
    documents: tuple[str, ...]
    channel: str
    time_limit: str  # "20 ngày làm việc"
    received_at: str  # "09 giờ 00 phút, ngày 11/01/2027"
    due_date: str  # "08/02/2027"
    fee: str = ""
    """The fee due on receipt ("2.000 đồng"); none due, the line is not printed (so a
    receipt issued before fees were kept prints the same bytes)."""


@dataclass(frozen=True)
class SupplementRequest(Letter):
    number = FormNumber.SUPPLEMENT_REQUEST
    documents: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class IntakeRefusal(Letter):
    number = FormNumber.INTAKE_REFUSAL
    reason: str


@dataclass(frozen=True)
class Apology(Letter):
    number = FormNumber.APOLOGY
    received_on: str
    due_date: str  # the appointment it cannot keep
    new_due_date: str
    reason: str


@dataclass(frozen=True)
class StopNotice(Letter):
    number = FormNumber.STOP_NOTICE
    received_on: str
    reason: str


@dataclass(frozen=True)
class ControlStep:
    """One line of the control slip: one event of the dossier's stream."""

    index: int
    action: str  # "Chuyển hồ sơ đến Thành phố Lào Cai"
    unit: str
    officer: str  # "Chuyên viên (specialist@080)"
    at: str  # "14:30 12/01/2027"
    result: str  # "Trước hạn" / "Đúng hạn" / "Quá hạn" for decisions and returns
    note: str


@dataclass(frozen=True)
class ControlSlip(Form):
    number = FormNumber.CONTROL_SLIP
    case: Case
    received_at: str
    due_date: str
    handling_units: tuple[str, ...]
    steps: tuple[ControlStep, ...]


@dataclass(frozen=True)
class LogBookEntry:
    index: int
    code: str
    procedure: str
    copies: int
    applicant: str
    contact: str  # address and phone
    handling_unit: str
    received_on: str
    due_date: str
    transferred_on: str  # to the handling unit; empty when handled at the desk's unit
    decided_on: str  # the result came back from the handling unit
    returned_on: str  # the result was handed to the applicant
    note: str


@dataclass(frozen=True)
class LogBook(Form):
    number = FormNumber.LOG_BOOK
    unit: str
    period: str  # "từ ngày 01/01/2027 đến ngày 31/01/2027"
    entries: tuple[LogBookEntry, ...]


FormData = Letter | ControlSlip | LogBook
