"""The values a health record is made of. Personal data (name, citizen id, birth date,
free text) is :class:`Sealed`: encrypted with the person's own key before it reaches the
domain, so events, snapshots and read models only ever hold ciphertext."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from domain.health_records.errors import InvalidDiagnosis
from domain.shared import Actor

ICD10_PATTERN = r"^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$"
_ICD10 = re.compile(ICD10_PATTERN)


@dataclass(frozen=True)
class Sealed:
    """Ciphertext of one personal value (base64 text); readable only while the person's
    key exists."""

    token: str


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


def diagnoses(codes: tuple[str, ...]) -> tuple[str, ...]:
    """ICD-10 codes, checked for their shape (letter, two digits, optional subcategory)."""
    for code in codes:
        if not _ICD10.fullmatch(code):
            raise InvalidDiagnosis(code)
    return codes


@dataclass(frozen=True)
class Encounter:
    at: datetime
    diagnoses: tuple[str, ...]
    notes: Sealed | None
    unit: str


@dataclass(frozen=True)
class Immunization:
    vaccine: str
    dose: int
    at: date
    unit: str


@dataclass(frozen=True)
class Referral:
    to_unit: str
    reason: Sealed
    at: datetime
    by_unit: str


@dataclass(frozen=True)
class Consent:
    grantee_unit: str
    purpose: str
    until: date

    def is_valid(self, today: date) -> bool:
        return today <= self.until


@dataclass(frozen=True)
class Access:
    """One read of the record by staff."""

    at: datetime
    actor: Actor
    purpose: str
    document: str | None = None
    """The file read, when it was one of the record's files."""
