"""``FpdfFormRenderer``: the ``FormRenderer`` port, drawing each form with fpdf2.

Deterministic: fpdf2 writes no clock and no random value once the sheet's creation date
and producer are fixed (``Sheet``), its font subsets carry a fixed tag, and its file
identifier is a digest of the document itself. The bytes still depend on fpdf2's and
fontTools' versions and on the font files: ``fingerprint`` names all three.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.metadata import version
from typing import Any

from application.forms.data import (
    Apology,
    ControlSlip,
    FormData,
    IntakeRefusal,
    LogBook,
    Receipt,
    StopNotice,
    SupplementRequest,
)
from infrastructure.pdf import letters, tables
from infrastructure.pdf.faces import REPERTOIRE, ParsedFaces
from infrastructure.pdf.fonts import Typeface
from infrastructure.pdf.sheet import Sheet

_LAYOUTS: dict[type[Any], Callable[[Sheet, Any], None]] = {
    Receipt: letters.receipt,
    SupplementRequest: letters.supplement_request,
    IntakeRefusal: letters.intake_refusal,
    Apology: letters.apology,
    StopNotice: letters.stop_notice,
    ControlSlip: tables.control_slip,
    LogBook: tables.log_book,
}


class FpdfFormRenderer:
    def __init__(self, typeface: Typeface | None = None) -> None:
        self.typeface = typeface or Typeface.dejavu_serif()
        self.faces = ParsedFaces(self.typeface)
        self._fingerprint: str | None = None

    def render(self, form: FormData) -> bytes:
        sheet = Sheet(form, self.faces, landscape=isinstance(form, LogBook))
        sheet.letterhead(form.letterhead)
        if isinstance(form, LogBook):
            sheet.heading(f"Bộ phận Một cửa - {form.unit}", form.period.capitalize())
        else:
            sheet.heading()
        _LAYOUTS[type(form)](sheet, form)
        return sheet.pdf()

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.typeface)
        return self._fingerprint


def fingerprint(typeface: Typeface) -> str:
    """What the bytes drawn in ``typeface`` depend on besides the data."""
    parts = (version("fpdf2"), version("fonttools"), typeface.sha256(), repr(REPERTOIRE))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
