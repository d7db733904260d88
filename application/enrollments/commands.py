"""The enrollment commands' arguments, declared once (see ``application/dossiers/commands.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from domain.enrollments.enrollment import Guardian, Student
from domain.fields import Between, Reason, SchoolCode, SchoolYear, UnitCode

Grade = Literal[1, 6, 10]


@dataclass(frozen=True)
class Apply:
    school_year: SchoolYear
    grade: Grade
    student: Student
    guardian: Guardian
    residence_unit: UnitCode
    choices: Annotated[tuple[SchoolCode, ...], Between(1, 5)]


@dataclass(frozen=True)
class Admit:
    school: SchoolCode


@dataclass(frozen=True)
class Waitlist:
    """Put on the waiting list: no arguments."""


@dataclass(frozen=True)
class Refuse:
    reason: Reason


@dataclass(frozen=True)
class Confirm:
    """The family takes the place up: no arguments."""


@dataclass(frozen=True)
class Transfer:
    to_school: SchoolCode
