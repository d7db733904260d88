"""What clients may send: request bodies and query strings, validated at the edge.

Bodies forbid unknown members, so ``status``, ``version`` or a unit cannot be
mass-assigned; strings are trimmed, bounded and free of control characters.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from domain.dossiers.status import Channel, Rating, Status


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


# Not blank, and no control characters (Unicode category Cc) but, in paragraphs, tabs and
# newlines. Patterns rather than validators, so the OpenAPI document states them too.
_CONTROL = r"\u0000-\u001f\u007f-\u009f"
_CONTROL_IN_PARAGRAPHS = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"
ONE_LINE = rf"^[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*$"
PARAGRAPHS = rf"^[^{_CONTROL_IN_PARAGRAPHS}]*[^\s{_CONTROL}][^{_CONTROL_IN_PARAGRAPHS}]*$"


def _text(max_length: int, pattern: str = ONE_LINE) -> StringConstraints:
    return StringConstraints(
        strip_whitespace=True, min_length=1, max_length=max_length, pattern=pattern
    )


Name = Annotated[str, _text(200)]
Address = Annotated[str, _text(300)]
Reason = Annotated[str, _text(2000, PARAGRAPHS)]
UnitCode = Annotated[str, _text(20, r"^[0-9A-Za-z.\-]+$")]
ProcedureCode = Annotated[str, _text(60, r"^[0-9A-Za-z.\-]+$")]
CitizenId = Annotated[str, _text(12, r"^[0-9]{12}$")]
Phone = Annotated[str, _text(20, r"^\+?[0-9][0-9 .\-]{5,18}$")]
Sha256 = Annotated[str, _text(64, r"^[0-9a-fA-F]{64}$")]
JsonObject = Annotated[dict[str, Any], AfterValidator(_finite)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ApplicantIn(Body):
    full_name: Name
    citizen_id: CitizenId = Field(description="Căn cước công dân: exactly 12 digits")
    phone: Phone | None = None
    address: Address | None = None


class DocumentIn(Body):
    name: Name
    sha256: Sha256 | None = None


Documents = Annotated[list[DocumentIn], Field(max_length=50)]


class FileDossier(Body):
    procedure_code: ProcedureCode
    applicant: ApplicantIn
    documents: Documents = []
    channel: Channel = Channel.DESK


class SubmitOnline(Body):
    procedure_code: ProcedureCode
    receiving_unit: UnitCode
    applicant: ApplicantIn
    documents: Documents = []


class NoBody(Body):
    """An empty object (or no body at all)."""


class ReasonBody(Body):
    reason: Reason


class RequestSupplement(Body):
    reason: Reason
    documents: Annotated[list[Name], Field(min_length=1, max_length=50)]


class Supplement(Body):
    documents: Annotated[list[DocumentIn], Field(min_length=1, max_length=50)]


class Transfer(Body):
    to_unit: UnitCode
    note: Reason | None = None


class Approve(Body):
    result: JsonObject
    note: Reason | None = None


class Apologize(Body):
    reason: Reason
    new_due_date: date


class ReturnResult(Body):
    channel: Channel


class Rate(Body):
    rating: Rating
    comment: Reason | None = None


class Query(BaseModel):
    """Query strings: unknown parameters are ignored."""

    model_config = ConfigDict(extra="ignore")


Cursor = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{1,200}$")]
Limit = Annotated[int, Field(ge=1, le=100)]


class SearchQuery(Query):
    status: Status | None = None
    procedure: ProcedureCode | None = None
    q: Annotated[str, _text(100)] | None = Field(
        None, description="Part of the dossier code or of the applicant's name"
    )
    cursor: Cursor | None = None
    limit: Limit = 20


class InboxQuery(Query):
    status: Status | None = None
    overdue: bool | None = None
    cursor: Cursor | None = None
    limit: Limit = 20


class HistoryQuery(Query):
    as_of: AwareDatetime | None = Field(
        None,
        description="An instant with its offset (percent-encode a +): the dossier as it was then",
    )


class SecretQuery(Query):
    secret: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        description="The lookup secret printed on the receipt"
    )


class AuditQuery(Query):
    after: Annotated[int, Field(ge=0, le=2**63 - 1)] = Field(
        0, description="The position of the last event read: the page starts after it"
    )
    limit: Annotated[int, Field(ge=1, le=1000)] = 100


def _iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD``: pydantic alone would take "0" (1 January 1970) for a date too."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]


class StatsQuery(Query):
    unit: UnitCode | None = Field(None, description="Default: the caller's unit")
    first: Day | None = Field(None, alias="from", description="Default: the month's first day")
    last: Day | None = Field(None, alias="to", description="Default: today")
    procedure: ProcedureCode | None = None
