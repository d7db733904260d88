"""School enrollment routes: the schools, applications, decisions, rosters."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from application.enrollments import commands, views
from application.enrollments.service import Enrollments
from interfaces.http import schemas
from interfaces.http.commands import command, command_endpoint
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.fields import SchoolYear
from interfaces.http.history import history_endpoint
from interfaces.http.state import Services

ENROLLMENT = "/api/v1/enrollments/{id:uuid}"

COMMANDS = (
    command(
        "admit",
        "Admit to one of the chosen schools; 409 capacity-exhausted when no seat is left",
        Enrollments.admit,
    ),
    command("waitlist", "Put on the waiting list", Enrollments.waitlist),
    command("refuse", "Refuse the application, with the reason", Enrollments.refuse),
    command("confirm", "The family takes the place up", Enrollments.confirm),
    command(
        "transfer",
        "Move to another school: a seat there, the seat here freed",
        Enrollments.transfer,
    ),
)


class RosterQuery(schemas.Query):
    school_year: SchoolYear
    grade: Annotated[int, Field(ge=1, le=12)]


async def apply(call: Call) -> views.EnrollmentView:
    return await call.services.enrollments.apply(call.context(call.officer), call.body)


async def get(call: Call) -> views.EnrollmentView:
    return await call.services.enrollments.get(call.officer, call.path["id"])


async def schools(call: Call) -> views.SchoolList:
    return call.services.enrollments.list_schools()


async def roster(call: Call) -> views.Roster:
    query: RosterQuery = call.query
    return await call.services.enrollments.roster(
        call.officer, call.path["code"], query.school_year, query.grade
    )


def _enrollments(services: Services) -> Enrollments:
    return services.enrollments


ENDPOINTS = (
    Endpoint(
        "GET",
        "/api/v1/schools",
        "list_schools",
        "Schools and their seats per grade",
        schools,
        views.SchoolList,
        auth=False,
        tag="reference",
    ),
    Endpoint(
        "GET",
        "/api/v1/schools/{code}/roster",
        "school_roster",
        "Who holds a seat at the school for a school year and grade",
        roster,
        views.Roster,
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
        views.EnrollmentView,
        status=201,
        body=commands.Apply,
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
        views.EnrollmentView,
        etag=True,
        errors=(503,),
        tag="enrollments",
    ),
    history_endpoint(
        ENROLLMENT,
        "id",
        what="enrollment",
        service=_enrollments,
        state=views.EnrollmentView,
        name="enrollment_history",
        tag="enrollments",
    ),
    *(
        command_endpoint(
            entry,
            resource=ENROLLMENT,
            key="id",
            service=_enrollments,
            response=views.EnrollmentView,
            tag="enrollments",
        )
        for entry in COMMANDS
    ),
)
