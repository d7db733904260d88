"""What an approval grants when its procedure issues a permit, and the permit's number.

The number follows from the dossier's unique code (``GPXD-080-270111-0001``): one dossier
can only ever name one permit, which is what makes issuing it idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.permits.errors import InvalidPermitTerms

RESULT_FIELD = "result.permit"
_TEXT_FIELDS = ("holder", "scope")
_DATE_FIELDS = ("valid_from", "valid_until")


@dataclass(frozen=True)
class PermitTerms:
    holder: str
    scope: str
    valid_from: date
    valid_until: date

    @classmethod
    def from_result(cls, result: Mapping[str, Any]) -> PermitTerms:
        """The terms in an approval's ``result["permit"]``; raise naming the first bad field."""
        permit = result.get("permit")
        if not isinstance(permit, Mapping):
            raise InvalidPermitTerms(RESULT_FIELD, "a permit procedure's result needs a permit")
        values: dict[str, Any] = {}
        for name in _TEXT_FIELDS:
            text = permit.get(name)
            if not isinstance(text, str) or not text.strip():
                raise InvalidPermitTerms(f"{RESULT_FIELD}.{name}", "required, a non-empty text")
            values[name] = text.strip()
        for name in _DATE_FIELDS:
            values[name] = _date(permit.get(name), f"{RESULT_FIELD}.{name}")
        if values["valid_until"] < values["valid_from"]:
            raise InvalidPermitTerms(f"{RESULT_FIELD}.valid_until", "must not precede valid_from")
        return cls(**values)


def _date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else _missing(field)
    except ValueError:
        raise InvalidPermitTerms(field, "a date as YYYY-MM-DD") from None


def _missing(field: str) -> date:
    raise InvalidPermitTerms(field, "required, a date as YYYY-MM-DD")


def permit_number(procedure_code: str, dossier_code: str) -> str:
    """The procedure's permit prefix (``LC.XD.GPXD-NORL`` → ``GPXD``) and the dossier code."""
    prefix = procedure_code.rsplit(".", 1)[-1].split("-", 1)[0].upper() or "GP"
    return f"{prefix}-{dossier_code}"


def dossier_code_of(number: str) -> str | None:
    """The dossier code a permit number was made from; None when it has no prefix."""
    prefix, separator, code = number.partition("-")
    return code if separator and prefix and code else None
