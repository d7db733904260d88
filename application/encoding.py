"""How domain events become bytes: eventsourcing's Mapper with our value types.

Health records' personal data is not encrypted here but before it enters an event
(:class:`domain.health_records.values.Sealed`, one key per person): the Mapper's cipher
hook has one key for everything, and shredding one person's key must leave every other
event, and the hash chain over the stored bytes, as it was.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from eventsourcing.persistence import (
    DatetimeAsISO,
    JSONTranscoder,
    Mapper,
    Transcoding,
    UUIDAsHex,
)

from domain.catalog import Step
from domain.dossiers.dossier import Applicant, Attachment, Document
from domain.enrollments.enrollment import Guardian, Student
from domain.health_records.values import Sealed
from domain.permits.terms import PermitTerms
from domain.shared import Actor


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class ValueAsDict(Transcoding):
    """A frozen dataclass of plain fields, stored as a JSON object of its fields."""

    def __init__(self, value_type: type[Any]) -> None:
        self.type = value_type
        self.name = value_type.__name__.lower()

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


VALUE_TYPES: tuple[type[Any], ...] = (
    Actor,
    Step,
    Applicant,
    Document,
    Attachment,
    PermitTerms,
    Student,
    Guardian,
    Sealed,
)


def new_transcoder() -> JSONTranscoder:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    for value_type in VALUE_TYPES:
        transcoder.register(ValueAsDict(value_type))
    return transcoder


def new_mapper() -> Mapper[Any]:
    return Mapper(transcoder=new_transcoder())
