"""What the health record use cases answer; personal values opened (or ``[erased]``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.attachments.views import AttachmentView, attachment_view
from application.health_records.personal_data import Opener
from application.history import ActorView
from application.plain import plain
from domain.health_records.record import HealthRecord
from domain.health_records.values import Consent, Immunization, Sealed, Sex


@dataclass(frozen=True)
class PersonView:
    full_name: str
    citizen_id: str
    birth_date: str
    sex: Sex


@dataclass(frozen=True)
class EncounterView:
    at: datetime
    diagnoses: list[str]
    notes: str | None
    unit: str


@dataclass(frozen=True)
class ReferralView:
    to_unit: str
    reason: str
    at: datetime
    by_unit: str


@dataclass(frozen=True)
class RecordView:
    id: UUID
    person: PersonView
    holding_unit: str
    erased: bool
    encounters: list[EncounterView]
    immunizations: list[Immunization]
    referrals: list[ReferralView]
    consents: list[Consent]
    documents: list[AttachmentView]
    """The record's files (``GET .../documents/{name}`` reads one)."""
    version: int


@dataclass(frozen=True)
class AccessView:
    at: datetime
    actor: ActorView
    purpose: str
    document: str | None = None
    """The file read, when it was one of the record's files."""


@dataclass(frozen=True)
class AccessLog:
    id: UUID
    items: list[AccessView]


@dataclass(frozen=True)
class RecordReceipt:
    """What a write answers: no personal data, so none lands in an idempotency record."""

    id: UUID
    version: int


@dataclass(frozen=True)
class Erasure(RecordReceipt):
    erased: bool


def _opened(open_: Opener, value: Sealed) -> str:
    opened = open_(value)
    assert opened is not None, "a sealed value opens to its text or to [erased]"
    return opened


def record_view(record: HealthRecord, open_: Opener) -> RecordView:
    return RecordView(
        id=record.id,
        person=PersonView(
            full_name=_opened(open_, record.full_name),
            citizen_id=_opened(open_, record.citizen_id),
            birth_date=_opened(open_, record.birth_date),
            sex=record.sex,
        ),
        holding_unit=record.holding_unit,
        erased=record.erased,
        encounters=[
            EncounterView(entry.at, list(entry.diagnoses), open_(entry.notes), entry.unit)
            for entry in record.encounters
        ],
        immunizations=list(record.immunizations),
        referrals=[
            ReferralView(entry.to_unit, _opened(open_, entry.reason), entry.at, entry.by_unit)
            for entry in record.referrals
        ],
        consents=list(record.consents),
        documents=[attachment_view(file) for file in record.attachments.values()],
        version=record.version,
    )


def access_log_view(record: HealthRecord) -> AccessLog:
    return AccessLog(
        record.id,
        [
            AccessView(entry.at, ActorView(**plain(entry.actor)), entry.purpose, entry.document)
            for entry in record.accesses
        ],
    )


def receipt(record: HealthRecord) -> RecordReceipt:
    return RecordReceipt(record.id, record.version)
