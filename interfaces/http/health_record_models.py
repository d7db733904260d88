"""Health record bodies and answers. Personal fields answer as text: the value, or
``[erased]`` once the person's key was shredded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints

from domain.health_records.values import ICD10_PATTERN, Sex
from interfaces.http import schemas
from interfaces.http.responses import ActorOut

Icd10 = Annotated[str, StringConstraints(pattern=ICD10_PATTERN)]
PURPOSE_PATTERN = schemas.ONE_LINE
PURPOSE_HEADER = {
    "name": "X-Purpose",
    "in": "header",
    "required": True,
    "description": "Why the record is read (treatment, referral, ...): kept in its access log",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": PURPOSE_PATTERN},
}


class PersonIn(schemas.Body):
    full_name: schemas.Name
    citizen_id: schemas.CitizenId
    birth_date: date
    sex: Sex


class OpenRecord(schemas.Body):
    person: PersonIn


class EncounterIn(schemas.Body):
    at: AwareDatetime
    diagnoses: Annotated[list[Icd10], Field(min_length=1, max_length=20)] = Field(
        description="ICD-10 codes, e.g. J06.9"
    )
    notes: schemas.Reason | None = None


class ImmunizationIn(schemas.Body):
    vaccine: schemas.Name
    dose: Annotated[int, Field(ge=1, le=10)]
    at: date


class ReferralIn(schemas.Body):
    to_unit: schemas.UnitCode
    reason: schemas.Reason


class ConsentIn(schemas.Body):
    grantee_unit: schemas.UnitCode
    purpose: schemas.Name
    until: date


class RecordReceipt(BaseModel):
    id: UUID
    version: int


class Erasure(RecordReceipt):
    erased: bool


class PersonOut(BaseModel):
    full_name: str
    citizen_id: str
    birth_date: str
    sex: Sex


class EncounterOut(BaseModel):
    at: datetime
    diagnoses: list[str]
    notes: str | None
    unit: str


class ImmunizationOut(BaseModel):
    vaccine: str
    dose: int
    at: date
    unit: str


class ReferralOut(BaseModel):
    to_unit: str
    reason: str
    at: datetime
    by_unit: str


class ConsentOut(BaseModel):
    grantee_unit: str
    purpose: str
    until: date


class RecordOut(BaseModel):
    id: UUID
    person: PersonOut
    holding_unit: str
    erased: bool
    encounters: list[EncounterOut]
    immunizations: list[ImmunizationOut]
    referrals: list[ReferralOut]
    consents: list[ConsentOut]
    version: int


class AccessOut(BaseModel):
    at: datetime
    actor: ActorOut
    purpose: str


class AccessLog(BaseModel):
    id: UUID
    items: list[AccessOut]
