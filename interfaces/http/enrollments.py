"""School enrollment routes: the schools, applications, decisions, rosters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from application.commands import Result
from application.context import Context
from application.enrollments.service import Enrollments
from domain.enrollments.enrollment import EnrollmentStatus, Guardian, Student
from interfaces.http import schemas
from interfaces.http.command_routes import command_endpoint
from interfaces.http.commands import Command
from interfaces.http.endpoints import Call, Endpoint

ENROLLMENT = "/api/v1/enrollments/{id:uuid}"
B = TypeVar("B", bound=BaseModel)


def _consecutive(year: str) -> str:
    first, second = (int(part) for part in year.split("-"))
    if second != first + 1:
        raise ValueError("a school year spans two consecutive years, like 2027-2028")
    return year


SchoolYear = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{4}$"), AfterValidator(_consecutive)
]
SchoolCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.\-]{1,40}$")]
Grade = Literal[1, 6, 10]


class StudentIn(schemas.Body):
    full_name: schemas.Name
    birth_date: date


class GuardianIn(schemas.Body):
    full_name: schemas.Name
    phone: schemas.Phone


class Apply(schemas.Body):
    school_year: SchoolYear
    grade: Grade
    student: StudentIn
    guardian: GuardianIn
    residence_unit: schemas.UnitCode
    choices: Annotated[list[SchoolCode], Field(min_length=1, max_length=5)]


class Admit(schemas.Body):
    school: SchoolCode


class Transfer(schemas.Body):
    to_school: SchoolCode


class RosterQuery(schemas.Query):
    school_year: SchoolYear
    grade: Annotated[int, Field(ge=1, le=12)]


class StudentOut(BaseModel):
    full_name: str
    birth_date: date


class GuardianOut(BaseModel):
    full_name: str
    phone: str


class EnrollmentOut(BaseModel):
    id: UUID
    school_year: str
    grade: int
    student: StudentOut
    guardian: GuardianOut
    residence_unit: str
    choices: list[str]
    status: EnrollmentStatus
    school: str | None
    version: int


class Roster(BaseModel):
    school: str
    school_year: str
    grade: int
    capacity: int
    admitted: int
    items: list[EnrollmentOut]


class SchoolOut(BaseModel):
    code: str
    name: str
    unit: str
    capacity: dict[str, int]


class SchoolList(BaseModel):
    items: list[SchoolOut]


def enrollment_command(
    action: str,
    summary: str,
    body: type[B],
    run: Callable[[Enrollments, Context, UUID, B], Awaitable[Result]],
) -> Command[Any]:
    return Command(action, summary, body, run)


COMMANDS = (
    enrollment_command(
        "admit",
        "Admit to one of the chosen schools; 409 capacity-exhausted when no seat is left",
        Admit,
        lambda e, c, i, b: e.admit(c, i, b.school),
    ),
    enrollment_command(
        "waitlist", "Put on the waiting list", schemas.NoBody, lambda e, c, i, b: e.waitlist(c, i)
    ),
    enrollment_command(
        "refuse",
        "Refuse the application, with the reason",
        schemas.ReasonBody,
        lambda e, c, i, b: e.refuse(c, i, b.reason),
    ),
    enrollment_command(
        "confirm",
        "The family takes the place up",
        schemas.NoBody,
        lambda e, c, i, b: e.confirm(c, i),
    ),
    enrollment_command(
        "transfer",
        "Move to another school: a seat there, the seat here freed",
        Transfer,
        lambda e, c, i, b: e.transfer(c, i, b.to_school),
    ),
)


async def apply(call: Call) -> Result:
    body: Apply = call.body
    return await call.app.enrollments.apply(
        call.context(call.officer),
        body.school_year,
        body.grade,
        Student(body.student.full_name, body.student.birth_date),
        Guardian(body.guardian.full_name, body.guardian.phone),
        body.residence_unit,
        tuple(body.choices),
    )


async def get(call: Call) -> Result:
    return await call.app.enrollments.get(call.officer, call.path["id"])


async def schools(call: Call) -> Result:
    return call.app.enrollments.list_schools()


async def roster(call: Call) -> Result:
    query: RosterQuery = call.query
    return await call.app.enrollments.roster(
        call.officer, call.path["code"], query.school_year, query.grade
    )


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/schools",
        "list_schools",
        "Schools and their seats per grade",
        schools,
        SchoolList,
        auth=False,
        tag="reference",
    ),
    Endpoint(
        "GET",
        "/api/v1/schools/{code}/roster",
        "school_roster",
        "Who holds a seat at the school for a school year and grade",
        roster,
        Roster,
        query=RosterQuery,
        errors=(403, 503),
        tag="enrollments",
    ),
    Endpoint(
        "POST",
        "/api/v1/enrollments",
        "apply_for_enrollment",
        "File a student's application to one or more schools",
        apply,
        EnrollmentOut,
        status=201,
        body=Apply,
        etag=True,
        command=True,
        errors=(403, 409, 503),
        tag="enrollments",
    ),
    Endpoint(
        "GET",
        ENROLLMENT,
        "get_enrollment",
        "One enrollment",
        get,
        EnrollmentOut,
        etag=True,
        errors=(503,),
        tag="enrollments",
    ),
    *(
        command_endpoint(
            entry,
            resource=ENROLLMENT,
            key="id",
            service=lambda call: call.app.enrollments,
            response=EnrollmentOut,
            tag="enrollments",
        )
        for entry in COMMANDS
    ),
)
