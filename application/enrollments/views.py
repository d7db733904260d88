"""What the enrollment use cases answer."""

from __future__ import annotations

from typing import Any

from application.plain import plain
from domain.enrollments.enrollment import Enrollment
from domain.enrollments.school import School


def enrollment_view(enrollment: Enrollment) -> dict[str, Any]:
    return {
        "id": str(enrollment.id),
        "school_year": enrollment.school_year,
        "grade": enrollment.grade,
        "student": plain(enrollment.student),
        "guardian": plain(enrollment.guardian),
        "residence_unit": enrollment.residence_unit,
        "choices": list(enrollment.choices),
        "status": enrollment.status.value,
        "school": enrollment.school,
        "version": enrollment.version,
    }


def school_view(school: School) -> dict[str, Any]:
    return {
        "code": school.code,
        "name": school.name,
        "unit": school.unit,
        "capacity": {str(grade): seats for grade, seats in sorted(school.capacity.items())},
    }
