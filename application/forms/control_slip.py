"""Form 06, the control slip: the dossier's own stream, step by step, with who and when.

Each event is one line: what was done, at which unit, by which officer (role and
identity), at what time, and for a decision or a returned result whether it came before,
on or after the appointment then in force.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from application.forms.data import ControlSlip, ControlStep
from application.forms.errors import FormNotIssued
from application.forms.facts import UnitsOn, case_of, letterhead
from application.forms.issuance import FormNumber, event_name
from application.forms.wording import (
    CHANNELS,
    RATINGS,
    ROLES,
    day,
    local,
    moment,
    money,
    short_moment,
    timeliness,
)
from application.unit_names import unit_name
from domain.dossiers.dossier import Dossier
from domain.units import UnitTree

Describe = Callable[[Any, UnitTree], tuple[str, str]]

# Per event type: the action as the slip words it, and a note.
_STEPS: dict[str, Describe] = {
    "Submitted": lambda e, _: (f"Nộp hồ sơ {CHANNELS[e.channel]}", ""),
    "Received": lambda e, _: ("Tiếp nhận hồ sơ", f"Hẹn trả kết quả ngày {day(e.due_date)}"),
    "IntakeRefused": lambda e, _: ("Từ chối tiếp nhận hồ sơ", e.reason),
    "SupplementRequested": lambda e, _: ("Yêu cầu bổ sung, hoàn thiện hồ sơ", e.reason),
    "Supplemented": lambda e, _: (
        "Bổ sung hồ sơ",
        f"Hẹn trả kết quả ngày {day(e.due_date)}" if e.due_date else "",
    ),
    "Transferred": lambda e, units: (
        f"Chuyển hồ sơ đến {unit_name(units, e.to_unit)}",
        e.note or "",
    ),
    "Approved": lambda e, _: ("Phê duyệt kết quả giải quyết", e.note or ""),
    "Refused": lambda e, _: ("Từ chối giải quyết hồ sơ", e.reason),
    "Apologized": lambda e, _: (
        "Xin lỗi, hẹn lại ngày trả kết quả",
        f"Hẹn lại ngày {day(e.new_due_date)}. {e.reason}",
    ),
    "Stopped": lambda e, _: ("Dừng giải quyết hồ sơ", e.reason),
    "ResultReturned": lambda e, _: (f"Trả kết quả {CHANNELS[e.channel]}", ""),
    "Withdrawn": lambda e, _: ("Rút hồ sơ theo đề nghị của người nộp", e.reason),
    "Rated": lambda e, _: (f"Đánh giá: {RATINGS[e.rating]}", e.comment or ""),
    "Paid": lambda e, _: (
        "Nộp phí, lệ phí",
        f"{money(e.amount_vnd)}, giao dịch {e.transaction_id}. Hẹn trả kết quả ngày "
        f"{day(e.due_date)}"
        if e.due_date
        else f"{money(e.amount_vnd)}, giao dịch {e.transaction_id}",
    ),
}
# Steps whose time the slip measures against the appointment.
_TIMED = frozenset({"Approved", "Refused", "Stopped", "ResultReturned"})


def _step(index: int, domain_event: Any, before: Dossier | None, units: UnitTree) -> ControlStep:
    name = event_name(domain_event)
    describe = _STEPS.get(name)
    action, note = describe(domain_event, units) if describe else (name, "")
    actor = domain_event.actor
    result = ""
    if name in _TIMED and before is not None:
        result = timeliness(local(domain_event.timestamp).date(), before.due_date)
    return ControlStep(
        index=index,
        action=action,
        unit=unit_name(units, actor.unit),
        officer=f"{ROLES[actor.role]} ({actor.sub})",
        at=short_moment(domain_event.timestamp),
        result=result,
        note=note,
    )


def control_slip(events: Sequence[Any], units_on: UnitsOn) -> ControlSlip:
    """The control slip of a received dossier, as its stream stands (pass the events up
    to an instant to print it as of then); each step names units as they were that day."""
    steps: list[ControlStep] = []
    dossier: Dossier | None = None
    for index, domain_event in enumerate(events, start=1):
        then = units_on(local(domain_event.timestamp).date())
        steps.append(_step(index, domain_event, dossier, then))
        dossier = domain_event.mutate(dossier)
    if dossier is None or dossier.received_at is None:
        raise FormNotIssued(FormNumber.CONTROL_SLIP)
    units = units_on(local(events[-1].timestamp).date())
    at_receipt = units_on(local(dossier.received_at).date())
    return ControlSlip(
        letterhead=letterhead(units, dossier.receiving_unit, events[-1].timestamp),
        issued_at=events[-1].timestamp,
        case=case_of(dossier, units),
        received_at=moment(dossier.received_at),
        due_date=day(dossier.due_date) if dossier.due_date else "",
        handling_units=tuple(
            unit_name(units if code in units else at_receipt, code)
            for code in dossier.visited_units
        ),
        steps=tuple(steps),
    )
