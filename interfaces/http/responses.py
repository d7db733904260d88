"""What the API answers: every response body is validated against one of these models,
and the OpenAPI document is generated from them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.catalog import Action, ResultKind
from domain.dossiers.status import Channel, Status
from domain.units import Level
from projections.runner import State


class ProcedureRef(BaseModel):
    code: str
    version: int
    name: str


class Applicant(BaseModel):
    full_name: str
    citizen_id: str
    phone: str | None
    address: str | None


class Document(BaseModel):
    name: str
    sha256: str | None


class DossierOut(BaseModel):
    id: UUID
    code: str
    procedure: ProcedureRef
    applicant: Applicant
    channel: Channel
    status: Status
    receiving_unit: str
    current_unit: str
    received_at: datetime | None
    due_date: date | None
    overdue: bool
    late: bool
    documents: list[Document]
    result: dict[str, Any] | None
    version: int


class Receipt(DossierOut):
    lookup_secret: str


class DossierPage(BaseModel):
    items: list[DossierOut]
    next_cursor: str | None


class ActorOut(BaseModel):
    sub: str
    role: str
    unit: str


class HistoryEvent(BaseModel):
    version: int
    type: str
    at: datetime
    actor: ActorOut
    data: dict[str, Any]


class History(BaseModel):
    events: list[HistoryEvent]


class AsOf(BaseModel):
    as_of: datetime
    version: int
    state: DossierOut


class TimelineEntry(BaseModel):
    at: datetime
    status: Status
    unit_name: str


class PublicStatus(BaseModel):
    code: str
    procedure_name: str
    status: Status
    received_at: datetime | None
    due_date: date | None
    current_unit_name: str
    timeline: list[TimelineEntry]


class OnlineReceipt(BaseModel):
    code: str
    lookup_secret: str
    status: Status
    procedure: ProcedureRef
    receiving_unit: str
    version: int


class CitizenAnswer(BaseModel):
    code: str
    status: Status
    due_date: date | None
    version: int


class UnitOut(BaseModel):
    code: str
    name: str
    level: Level
    parent: str | None


class UnitList(BaseModel):
    items: list[UnitOut]


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
    actor: ActorOut | None
    data: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditEvent]
    next_after: int


class ChainReport(BaseModel):
    ok: bool
    events_checked: int
    first_bad: int | None = None


class Satisfaction(BaseModel):
    satisfied: int
    acceptable: int
    dissatisfied: int


class StatsRow(BaseModel):
    unit: str
    procedure: str
    received: int
    received_new: int
    received_carried_over: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    in_processing_on_time: int
    in_processing_overdue: int
    awaiting_supplement: int
    supplement_requested: int
    refused: int
    withdrawn: int
    on_time_rate: float | None
    satisfaction: Satisfaction


class Stats(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True)

    first: date = Field(alias="from")
    last: date = Field(alias="to")
    today: date
    rows: list[StatsRow]


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
