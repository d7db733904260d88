"""What the enrollment use cases answer."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.enrollments.enrollment import Enrollment, EnrollmentStatus, Guardian, Student
from domain.enrollments.school import School


@dataclass(frozen=True)
class EnrollmentView:
    id: UUID
    school_year: str
    grade: int
    student: Student
    guardian: Guardian
    residence_unit: str
    choices: list[str]
    status: EnrollmentStatus
    school: str | None
    version: int


@dataclass(frozen=True)
class Roster:
    school: str
    school_year: str
    grade: int
    capacity: int
    admitted: int
    items: list[EnrollmentView]


@dataclass(frozen=True)
class SchoolView:
    code: str
    name: str
    unit: str
    capacity: dict[str, int]


@dataclass(frozen=True)
class SchoolList:
    items: list[SchoolView]


def enrollment_view(enrollment: Enrollment) -> EnrollmentView:
    return EnrollmentView(
        id=enrollment.id,
        school_year=enrollment.school_year,
        grade=enrollment.grade,
        student=enrollment.student,
        guardian=enrollment.guardian,
        residence_unit=enrollment.residence_unit,
        choices=list(enrollment.choices),
        status=enrollment.status,
        school=enrollment.school,
        version=enrollment.version,
    )


def school_view(school: School) -> SchoolView:
    return SchoolView(
        code=school.code,
        name=school.name,
        unit=school.unit,
        capacity={str(grade): seats for grade, seats in sorted(school.capacity.items())},
    )
