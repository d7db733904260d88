"""Dossier histories that issue each form of Circular 03/2025, as lists of events.

One journey along the merit-benefit route (Cốc Lếu receives → Thành phố Lào Cai
processes → Tỉnh Lào Cai decides → Cốc Lếu returns), with a supplement, an apology and
a returned result; one refused at intake; one stopped. Times are Hà Nội time in January
2027 (see ``tests.examples``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from application.forms.data import FormData
from application.forms.dossier_forms import dossier_form
from application.forms.issuance import FormNumber
from application.forms.log_book import log_book
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from tests.examples import (
    CALENDAR,
    CATALOG,
    CITY,
    COC_LEU,
    MERIT,
    MONDAY_9AM,
    PROVINCE,
    UNITS,
    officer,
    units_on,
)

APPLICANT = Applicant(
    full_name="Nguyễn Thị Mai",
    citizen_id="010203004005",
    phone="0912345678",
    address="Số 12 đường Hoàng Liên, phường Cốc Lếu",
)
CLERK = officer(Role.CLERK, COC_LEU, "Lò Thị Hoa")
SPECIALIST = officer(Role.SPECIALIST, CITY, "Vàng A Sử")
LEADER = officer(Role.LEADER, PROVINCE, "Trần Quốc Hùng")
WARD_LEADER = officer(Role.LEADER, COC_LEU, "Hoàng Văn Nam")


def at(days: int, hours: float = 0) -> datetime:
    """So many days and hours after Monday 11/01/2027 09:00 (Hà Nội)."""
    return MONDAY_9AM + timedelta(days=days, hours=hours)


def submitted(code: str = "02644-270111-0001") -> Dossier:
    return Dossier.submit(
        code=code,
        procedure=CATALOG.version(MERIT, 1),
        applicant=APPLICANT,
        documents=(
            Document("Bản khai đề nghị hưởng chế độ ưu đãi"),
            Document("Giấy chứng nhận người có công"),
        ),
        channel=Channel.DESK,
        receiving_unit=COC_LEU,
        secret_hash="0" * 64,
        actor=CLERK,
        at=at(0),
    )


def returned_history(code: str = "02644-270111-0001") -> list[Any]:
    """Received, asked for a supplement, supplemented, sent up the route, apologised for,
    approved at the province and handed back at the desk."""
    dossier = submitted(code)
    dossier.receive(CLERK, at(0, 0.25), CALENDAR)
    dossier.request_supplement(
        "Thiếu bản sao giấy khai sinh", ("Bản sao giấy khai sinh",), CLERK, at(1)
    )
    dossier.supplement((Document("Bản sao giấy khai sinh"),), APPLICANT_ACTOR, at(2), CALENDAR)
    dossier.transfer(CITY, "Chuyển thẩm định", UNITS, CLERK, at(2, 2))
    dossier.transfer(PROVINCE, None, UNITS, SPECIALIST, at(8))
    dossier.apologize("Cần xác minh thêm hồ sơ gốc", date(2027, 2, 22), LEADER, at(22), CALENDAR)
    dossier.approve({"decision": "123/QĐ-UBND"}, None, LEADER, at(32))
    dossier.return_result(Channel.DESK, CLERK, at(35, 5.5))
    return list(dossier.collect_events())


def refused_history() -> list[Any]:
    dossier = submitted("02644-270112-0002")
    dossier.refuse_intake("Thủ tục không thuộc thẩm quyền của phường", CLERK, at(1, 1))
    return list(dossier.collect_events())


def stopped_history() -> list[Any]:
    dossier = submitted("02644-270111-0003")
    dossier.receive(CLERK, at(0, 1), CALENDAR)
    dossier.stop_processing("Người nộp hồ sơ đã qua đời", WARD_LEADER, at(4, 6))
    return list(dossier.collect_events())


APPLICANT_ACTOR = Actor(sub="citizen", role=Role.CITIZEN, unit=COC_LEU)


def every_form() -> dict[FormNumber, FormData]:
    """One of each of the seven forms, from the histories above."""
    returned = returned_history()
    forms: dict[FormNumber, FormData] = {
        number: dossier_form(number, returned, units_on)
        for number in (
            FormNumber.RECEIPT,
            FormNumber.SUPPLEMENT_REQUEST,
            FormNumber.APOLOGY,
            FormNumber.CONTROL_SLIP,
        )
    }
    forms[FormNumber.INTAKE_REFUSAL] = dossier_form(
        FormNumber.INTAKE_REFUSAL, refused_history(), units_on
    )
    forms[FormNumber.STOP_NOTICE] = dossier_form(
        FormNumber.STOP_NOTICE, stopped_history(), units_on
    )
    histories = [returned, refused_history(), stopped_history()[:-1]]
    forms[FormNumber.LOG_BOOK] = log_book(
        COC_LEU, date(2027, 1, 1), date(2027, 1, 31), histories, UNITS
    )
    return dict(sorted(forms.items()))
