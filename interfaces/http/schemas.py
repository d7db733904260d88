"""Query strings, validated at the edge (request bodies are the application's command
types, see ``bodies.py``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from domain.dossiers.status import Status
from interfaces.http.fields import ProcedureCode, UnitCode, text


class Query(BaseModel):
    """Query strings: unknown parameters are ignored."""

    model_config = ConfigDict(extra="ignore")


Cursor = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{1,200}$")]
Limit = Annotated[int, Field(ge=1, le=100)]


class SearchQuery(Query):
    status: Status | None = None
    procedure: ProcedureCode | None = None
    q: Annotated[str, text(100)] | None = Field(
        None, description="Part of the dossier code or of the applicant's name"
    )
    cursor: Cursor | None = None
    limit: Limit = 20


class InboxQuery(Query):
    status: Status | None = None
    overdue: bool | None = None
    at_risk: bool | None = Field(
        None, description="Only the dossiers the at-risk list names (true) or the others (false)"
    )
    cursor: Cursor | None = None
    limit: Limit = 20


class AtRiskQuery(Query):
    within_days: int | None = Field(
        None, ge=0, le=365, description="Only those due within this many working days"
    )


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
    """Only ``YYYY-MM-DD``: pydantic alone would take "0" or 0 (1 January 1970) for a date
    too."""
    if isinstance(value, date):
        return value
    if not (isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)):
        raise PydanticCustomError("date_format", "a date is written YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]


class LogBookQuery(Query):
    first: Day = Field(alias="from", description="The period's first day")
    last: Day = Field(alias="to", description="The period's last day (included)")


class StatsQuery(Query):
    unit: UnitCode | None = Field(None, description="Default: the caller's unit")
    first: Day | None = Field(None, alias="from", description="Default: the month's first day")
    last: Day | None = Field(None, alias="to", description="Default: today")
    procedure: ProcedureCode | None = None
    geography: Literal["as_filed", "current"] = Field(
        "as_filed",
        description="as_filed: at the units as they were; current: at today's units, "
        "the dossiers of units that ceased into them included",
    )
