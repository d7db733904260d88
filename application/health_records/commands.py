"""The health record commands' arguments, declared once (see
``application/dossiers/commands.py``). Personal values arrive in the clear and are
sealed by the use case before any event holds them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from domain.fields import Between, CitizenId, Icd10, Instant, Name, Reason, UnitCode
from domain.health_records.values import Sex


@dataclass(frozen=True)
class Person:
    full_name: Name
    citizen_id: CitizenId
    birth_date: date
    sex: Sex


@dataclass(frozen=True)
class OpenRecord:
    person: Person


@dataclass(frozen=True)
class RecordEncounter:
    at: Instant
    diagnoses: Annotated[tuple[Icd10, ...], Between(1, 20)]
    notes: Reason | None = None


@dataclass(frozen=True)
class Immunize:
    vaccine: Name
    dose: Annotated[int, Between(1, 10)]
    at: date


@dataclass(frozen=True)
class Refer:
    to_unit: UnitCode
    reason: Reason


@dataclass(frozen=True)
class GrantConsent:
    grantee_unit: UnitCode
    purpose: Name
    until: date


@dataclass(frozen=True)
class WithdrawConsent:
    grantee_unit: UnitCode


@dataclass(frozen=True)
class Erase:
    reason: Reason
