"""The bounds and pattern of each kind of field (:mod:`domain.fields`), stated once.

Strings are trimmed, bounded and free of control characters. Patterns rather than
validators where possible, so the OpenAPI document states them too.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints

from domain.fields import Kind
from domain.health_records.values import ICD10_PATTERN


def _finite(value: Any) -> Any:
    """Reject NaN and infinities anywhere in a JSON value: JSON cannot answer them."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("numbers must be finite")
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    for child in children:
        _finite(child)
    return value


def _consecutive(year: str) -> str:
    first, second = (int(part) for part in year.split("-"))
    if second != first + 1:
        raise ValueError("a school year spans two consecutive years, like 2027-2028")
    return year


# Not blank, and no control characters (Unicode category Cc) but, in paragraphs, tabs and
# newlines.
_CONTROL = r"\u0000-\u001f\u007f-\u009f"
_CONTROL_IN_PARAGRAPHS = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"
ONE_LINE = rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$"
PARAGRAPHS = rf"^[^{_CONTROL_IN_PARAGRAPHS}]*[^\s{_CONTROL}][^{_CONTROL_IN_PARAGRAPHS}]*$"


def text(max_length: int, pattern: str = ONE_LINE) -> StringConstraints:
    return StringConstraints(
        strip_whitespace=True, min_length=1, max_length=max_length, pattern=pattern
    )


Name = Annotated[str, text(200)]
Reason = Annotated[str, text(2000, PARAGRAPHS)]
UnitCode = Annotated[str, text(20, r"^[0-9A-Za-z.\-]+$")]
ProcedureCode = Annotated[str, text(60, r"^[0-9A-Za-z.\-]+$")]
SchoolYear = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{4}$"), AfterValidator(_consecutive)
]

EDGE: dict[Kind, Any] = {
    Kind.NAME: Name,
    Kind.ADDRESS: Annotated[str, text(300)],
    Kind.REASON: Reason,
    Kind.UNIT_CODE: UnitCode,
    Kind.PROCEDURE_CODE: ProcedureCode,
    Kind.CITIZEN_ID: Annotated[
        str,
        text(12, r"^[0-9]{12}$"),
        Field(description="Căn cước công dân: exactly 12 digits"),
    ],
    Kind.PHONE: Annotated[str, text(20, r"^\+?[0-9][0-9 .\-]{5,18}$")],
    Kind.SHA256: Annotated[str, text(64, r"^[0-9a-fA-F]{64}$")],
    Kind.SCHOOL_CODE: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.\-]{1,40}$")],
    Kind.SCHOOL_YEAR: SchoolYear,
    Kind.ICD10: Annotated[
        str,
        StringConstraints(pattern=ICD10_PATTERN),
        Field(description="An ICD-10 code, e.g. J06.9"),
    ],
    Kind.JSON_OBJECT: Annotated[dict[str, Any], AfterValidator(_finite)],
    Kind.INSTANT: AwareDatetime,
    Kind.URL: Annotated[str, text(2000, r"^[hH][tT][tT][pP][sS]?://[^\s]+$")],
    Kind.WEBHOOK_SECRET: Annotated[
        str,
        StringConstraints(pattern=r"^whsec_[A-Za-z0-9+/]{32,88}={0,2}$"),
        Field(description="whsec_ then base64 of 24 to 64 random bytes (Standard Webhooks)"),
    ],
    Kind.EVENT_TYPE: Annotated[str, StringConstraints(pattern=r"^vn\.gov\.motcua\.[a-z_.]+$")],
    # one address, no display name: what a notice is sent to (RFC 5321 caps it at 254)
    Kind.EMAIL: Annotated[str, text(254, r"^[^@\s<>,;:\"]+@[^@\s<>,;:\"]+\.[^@\s<>,;:\"]+$")],
    Kind.DOSSIER_CODE: Annotated[str, text(64, r"^[0-9A-Za-z.\-]+$")],
    Kind.TRANSACTION_ID: Annotated[str, text(64, r"^[0-9A-Za-z._:\-]+$")],
}
