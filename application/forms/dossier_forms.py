"""One entry for a dossier's forms 01–06, by number, as the later HTTP route will ask."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from application.forms.control_slip import control_slip
from application.forms.data import ControlSlip, Letter
from application.forms.errors import FormNotIssued
from application.forms.facts import UnitsOn
from application.forms.issuance import FormNumber
from application.forms.letters import LETTERS, letter


def dossier_form(
    number: FormNumber, events: Sequence[Any], units_on: UnitsOn, version: int | None = None
) -> Letter | ControlSlip:
    """Form ``number`` of the dossier whose stream is ``events``. A letter (01–05) is the
    one its event at ``version`` issued, else the latest; 06 is the control slip as the
    stream stands. ``FormNotIssued`` when the history did not issue it (and for 07, which
    belongs to a unit, not a dossier)."""
    if number in LETTERS:
        return letter(number, events, units_on, version)
    if number == FormNumber.CONTROL_SLIP and version is None:
        return control_slip(events, units_on)
    raise FormNotIssued(number, version)
