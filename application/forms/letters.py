"""Forms 01–05: each built from the dossier's events up to the one that issued it.

Later events never change a letter already issued: what it prints is the dossier as it
stood when the command ran, plus that command's own event. The builders read only the
event's named fields (never a ``form_sha256``), so a letter can be rendered from a draft
event, its hash recorded in that event, and the same bytes rendered again later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from application.forms.data import (
    Apology,
    IntakeRefusal,
    Letter,
    Receipt,
    StopNotice,
    SupplementRequest,
)
from application.forms.errors import FormNotIssued
from application.forms.facts import UnitsOn, case_of, letterhead, officer_of, replay
from application.forms.issuance import FormNumber, form_issued_by
from application.forms.wording import CHANNELS, day, local, moment, money, working_days
from domain.dossiers.dossier import Dossier
from domain.units import UnitTree


def issuing_index(events: Sequence[Any], number: FormNumber, version: int | None = None) -> int:
    """Where in ``events`` the event that issued form ``number`` stands: the one at
    ``version``, else the latest."""
    found = [
        index
        for index, domain_event in enumerate(events)
        if form_issued_by(domain_event) == number
        and (version is None or domain_event.originator_version == version)
    ]
    if not found:
        raise FormNotIssued(number, version)
    return found[-1]


def _received_on(dossier: Dossier) -> str:
    return day(local(dossier.received_at).date()) if dossier.received_at else ""


def _heading(before: Dossier, issued: Any, units: UnitTree, desk: bool = True) -> dict[str, Any]:
    """What every letter prints alike: its heading, the case and the issuing officer.
    The desk issues 01–03; the handling unit itself, signed by its leader, 04 and 05."""
    return {
        "letterhead": letterhead(units, issued.actor.unit, issued.timestamp, desk),
        "issued_at": issued.timestamp,
        "case": case_of(before, units),
        "officer": officer_of(issued.actor, units),
    }


def _receipt(before: Dossier, issued: Any, units: UnitTree) -> Receipt:
    return Receipt(
        **_heading(before, issued, units),
        documents=tuple(document.name for document in before.documents),
        channel=CHANNELS[before.channel],
        time_limit=working_days(before.time_limit_days),
        received_at=moment(issued.timestamp),
        due_date=day(issued.due_date),
        fee=money(issued.fee_due_vnd) if issued.fee_due_vnd else "",
    )


def _supplement_request(before: Dossier, issued: Any, units: UnitTree) -> SupplementRequest:
    return SupplementRequest(
        **_heading(before, issued, units), documents=tuple(issued.documents), reason=issued.reason
    )


def _intake_refusal(before: Dossier, issued: Any, units: UnitTree) -> IntakeRefusal:
    return IntakeRefusal(**_heading(before, issued, units), reason=issued.reason)


def _apology(before: Dossier, issued: Any, units: UnitTree) -> Apology:
    return Apology(
        **_heading(before, issued, units, desk=False),
        received_on=_received_on(before),
        due_date=day(before.due_date) if before.due_date else "",
        new_due_date=day(issued.new_due_date),
        reason=issued.reason,
    )


def _stop_notice(before: Dossier, issued: Any, units: UnitTree) -> StopNotice:
    return StopNotice(
        **_heading(before, issued, units, desk=False),
        received_on=_received_on(before),
        reason=issued.reason,
    )


_BUILDERS: dict[FormNumber, Callable[[Dossier, Any, UnitTree], Letter]] = {
    FormNumber.RECEIPT: _receipt,
    FormNumber.SUPPLEMENT_REQUEST: _supplement_request,
    FormNumber.INTAKE_REFUSAL: _intake_refusal,
    FormNumber.APOLOGY: _apology,
    FormNumber.STOP_NOTICE: _stop_notice,
}
LETTERS = frozenset(_BUILDERS)


def letter(
    number: FormNumber, events: Sequence[Any], units_on: UnitsOn, version: int | None = None
) -> Letter:
    """Form ``number`` (01–05) as the event that issued it (at ``version``, else the
    latest such event) printed it. Raises ``FormNotIssued`` when no event did."""
    if number not in _BUILDERS:
        raise FormNotIssued(number, version)
    index = issuing_index(events, number, version)
    issued = events[index]
    units = units_on(local(issued.timestamp).date())
    return issued_letter(number, replay(events[:index]), issued, units)


def issued_letter(number: FormNumber, before: Dossier, issued: Any, units: UnitTree) -> Letter:
    """Form ``number`` as the event ``issued`` prints it, on the dossier as it stood before."""
    return _BUILDERS[number](before, issued, units)
