"""What the API answers: every response body is validated against one of these models,
and the OpenAPI document is generated from them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from application.dossiers.views import DossierView, ProcedureRef
from application.history import ActorView
from domain.catalog import Action, ResultKind
from domain.dossiers.status import Status
from domain.units import Level
from projections.runner import State
from projections.statistics_report import StatisticsRow


class DossierPage(BaseModel):
    items: list[DossierView]
    next_cursor: str | None


class OnlineReceipt(BaseModel):
    """The online filing's answer: no one's data but the code and the secret."""

    code: str
    lookup_secret: str
    status: Status
    procedure: ProcedureRef
    receiving_unit: str
    version: int


class CitizenAnswer(BaseModel):
    """A citizen's command's answer: the dossier's standing, without the applicant."""

    code: str
    status: Status
    due_date: date | None
    version: int


class StepOut(BaseModel):
    level: Level
    action: Action


class ProcedureOut(BaseModel):
    code: str
    name: str
    field: str
    version: int
    receiving_level: Level
    time_limit_days: int
    result_kind: ResultKind
    steps: list[StepOut]
    required_documents: list[str]
    fee_vnd: int | None
    in_force_from: date | None
    """The first day this version applies; null: since before any dossier held."""


class ProcedureList(BaseModel):
    items: list[ProcedureOut]


class Health(BaseModel):
    status: Literal["ok"]


class AuditEvent(BaseModel):
    position: int
    stream_id: UUID
    stream_type: str
    version: int
    type: str
    at: datetime
    actor: ActorView | None
    data: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditEvent]
    next_after: int


class ChainReport(BaseModel):
    ok: bool
    events_checked: int
    first_bad: int | None = None
    problem: str | None = None


class Checkpoint(BaseModel):
    """The chain's head, signed: keep it to catch a log later cut short or rewritten."""

    position: int
    chain_hash: str = Field(description="The stored hash of the event at `position`, hex")
    signed_at: str = Field(description="ISO 8601, exactly as signed")
    key_id: str
    signature: str = Field(
        description="Ed25519, base64, over the line `motcua-checkpoint/1 "
        "<position> <chain_hash> <signed_at> <key_id>`"
    )


class Stats(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    first: date = Field(alias="from")
    last: date = Field(alias="to")
    today: date
    rows: list[StatisticsRow]


class ProjectionOut(BaseModel):
    name: str
    version: int
    state: State
    position: int
    lag: int
    last_error: str | None


class ProjectionList(BaseModel):
    items: list[ProjectionOut]


class FieldError(BaseModel):
    field: str
    message: str


class ProblemOut(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
    state: Status | None = None
