"""Use cases of school enrollment.

An admission appends the school's ``SchoolSeats`` stream and the enrollment's stream in
one atomic append, each at the version it was decided on. When two admissions race, the
store refuses the whole append of the later one; the runner decides it again on the new
count (``retry_if``: a seats stream moved, not the enrollment itself), until it either
takes a seat or finds none left (409 ``capacity-exhausted``). A transfer does the same
with both schools' seats.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.commands import CommandRunner, Decision, RequestPrint
from application.context import Context
from application.enrollments import commands as c
from application.enrollments.views import (
    EnrollmentView,
    Roster,
    SchoolList,
    enrollment_view,
    school_view,
)
from application.errors import Forbidden, InvalidInput, NotFound
from application.history import AsOf, History, history_view, state_as_of
from application.pipeline import Pipeline, Steps
from application.ports import Clock, ConcurrencyError, Secrets
from application.repository import Repository
from domain.enrollments import access
from domain.enrollments.enrollment import Enrollment
from domain.enrollments.errors import EnrollmentNotOpen
from domain.enrollments.school import School, Schools
from domain.enrollments.seats import SchoolSeats
from domain.shared import Actor
from domain.units import UnitTree

Change = Callable[[Enrollment, datetime], Awaitable[Sequence[Aggregate]]]
# Each lost race means another admission or transfer took or freed a seat of the same
# school, so a request cannot lose more often than there are seats moved meanwhile.
ATTEMPTS = 200


def _chosen(enrollment: Enrollment) -> Iterable[str]:
    return enrollment.choices


def _seated_at(enrollment: Enrollment) -> Iterable[str]:
    return (enrollment.school,) if enrollment.school else enrollment.choices


class Enrollments:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        secrets: Secrets,
        units: UnitTree,
        schools: Schools,
        prints: RequestPrint,
    ) -> None:
        self.repository = repository
        self.runner = CommandRunner(repository, prints, attempts=ATTEMPTS)
        self.pipeline = Pipeline(self.runner, clock)
        self.clock = clock
        self.secrets = secrets
        self.units = units
        self.schools = schools

    def list_schools(self) -> SchoolList:
        return SchoolList([school_view(school) for school in self.schools])

    async def apply(self, context: Context, command: c.Apply) -> EnrollmentView:
        """File a student's application; every chosen school must take the grade and
        cover the student's residence (see :mod:`domain.enrollments.school`)."""
        chosen = self._check_choices(command.choices, command.grade, command.residence_unit)
        if not access.handles(context.actor, (s.code for s in chosen), self.schools):
            raise Forbidden("a specialist of a unit owning one of the chosen schools applies")
        enrollment_id = self.secrets.new_id()

        async def decide() -> Decision:
            enrollment = Enrollment.apply(
                id=enrollment_id,
                school_year=command.school_year,
                grade=command.grade,
                student=command.student,
                guardian=command.guardian,
                residence_unit=command.residence_unit,
                choices=command.choices,
                actor=context.actor,
                at=self.clock.now(),
            )
            return [enrollment], enrollment_view(enrollment)

        answer: EnrollmentView = await self.runner.run(context, ("apply", command), decide)
        return answer

    def _check_choices(
        self, choices: tuple[str, ...], grade: int, residence_unit: str
    ) -> list[School]:
        if residence_unit not in self.units:
            raise InvalidInput("residence_unit", "no administrative unit has this code")
        if len(set(choices)) != len(choices):
            raise InvalidInput("choices", "name each school once")
        chosen = []
        for index, code in enumerate(choices):
            school = self._school(code, f"choices.{index}")
            if school.seats(grade) == 0:
                raise InvalidInput(f"choices.{index}", f"{code} takes no grade {grade}")
            if not school.admits_residence(grade, residence_unit, self.units):
                raise InvalidInput(
                    f"choices.{index}",
                    f"{code} admits grade {grade} from {school.catchment(grade, self.units)} "
                    f"only; {residence_unit} lies outside it",
                )
            chosen.append(school)
        return chosen

    # -- decisions --------------------------------------------------------------------------

    async def admit(
        self, context: Context, enrollment_id: UUID, command: c.Admit
    ) -> EnrollmentView:
        admitting = self._school(command.school, "school")

        async def change(enrollment: Enrollment, now: datetime) -> Sequence[Aggregate]:
            seats = await self._seats(command.school, enrollment, now)
            capacity = admitting.seats(enrollment.grade)
            enrollment.admit(command.school, seats, capacity, context.actor, now)
            return [seats, enrollment]

        deciders = (command.school,)
        return await self._act(context, enrollment_id, "admit", command, lambda _: deciders, change)

    async def transfer(
        self, context: Context, enrollment_id: UUID, command: c.Transfer
    ) -> EnrollmentView:
        to_school = command.to_school
        joining_school = self._school(to_school, "to_school")

        async def change(enrollment: Enrollment, now: datetime) -> Sequence[Aggregate]:
            if enrollment.school is None:
                raise EnrollmentNotOpen("transfer", enrollment.status)
            if not joining_school.admits_residence(
                enrollment.grade, enrollment.residence_unit, self.units
            ):
                raise InvalidInput("to_school", "the student lives outside its catchment")
            leaving = await self._seats(enrollment.school, enrollment, now)
            joining = await self._seats(to_school, enrollment, now)
            capacity = joining_school.seats(enrollment.grade)
            enrollment.transfer(to_school, leaving, joining, capacity, context.actor, now)
            return [leaving, joining, enrollment]

        deciders = (to_school,)
        return await self._act(
            context, enrollment_id, "transfer", command, lambda _: deciders, change
        )

    async def waitlist(
        self, context: Context, enrollment_id: UUID, command: c.Waitlist
    ) -> EnrollmentView:
        async def change(enrollment: Enrollment, now: datetime) -> Sequence[Aggregate]:
            enrollment.waitlist(context.actor, now)
            return [enrollment]

        return await self._act(context, enrollment_id, "waitlist", command, _chosen, change)

    async def refuse(
        self, context: Context, enrollment_id: UUID, command: c.Refuse
    ) -> EnrollmentView:
        async def change(enrollment: Enrollment, now: datetime) -> Sequence[Aggregate]:
            enrollment.refuse(command.reason, context.actor, now)
            return [enrollment]

        return await self._act(context, enrollment_id, "refuse", command, _chosen, change)

    async def confirm(
        self, context: Context, enrollment_id: UUID, command: c.Confirm
    ) -> EnrollmentView:
        async def change(enrollment: Enrollment, now: datetime) -> Sequence[Aggregate]:
            enrollment.confirm(context.actor, now)
            return [enrollment]

        return await self._act(context, enrollment_id, "confirm", command, _seated_at, change)

    async def _act(
        self,
        context: Context,
        enrollment_id: UUID,
        name: str,
        command: object,
        deciders: Callable[[Enrollment], Iterable[str]],
        change: Change,
    ) -> EnrollmentView:
        """``deciders``: the schools whose unit's specialists may do this."""

        def authorise(actor: Actor, _: str, enrollment: Enrollment) -> None:
            if not access.handles(actor, deciders(enrollment), self.schools):
                raise Forbidden("a specialist of the school's unit decides this")

        def seats_moved(conflict: ConcurrencyError) -> bool:
            return conflict.stream_id != enrollment_id

        steps = Steps(self._visible, authorise, enrollment_view)
        answer: EnrollmentView = await self.pipeline.act(
            steps, context, enrollment_id, name, command, change, retry_if=seats_moved
        )
        return answer

    # -- reads ------------------------------------------------------------------------------

    async def get(self, actor: Actor, enrollment_id: UUID) -> EnrollmentView:
        return enrollment_view(await self._visible(actor, enrollment_id))

    async def history(self, actor: Actor, enrollment_id: UUID) -> History:
        await self._visible(actor, enrollment_id)
        return history_view(await self.repository.events(enrollment_id))

    async def as_of(
        self, actor: Actor, enrollment_id: UUID, instant: datetime
    ) -> AsOf[EnrollmentView]:
        await self._visible(actor, enrollment_id)
        return await state_as_of(
            self.repository,
            Enrollment,
            enrollment_id,
            instant,
            lambda enrollment, _: enrollment_view(enrollment),
            "enrollment",
        )

    async def roster(self, actor: Actor, code: str, school_year: str, grade: int) -> Roster:
        """Who holds a seat at the school for that year and grade."""
        if code not in self.schools:
            raise NotFound("school")
        school = self.schools.get(code)
        if not access.can_see_unit(actor, school.unit, self.units):
            raise Forbidden("the roster is for the school's unit and its auditors")
        seats = await self.repository.get(SchoolSeats, SchoolSeats.id_for(code, school_year, grade))
        holders = seats.holders if seats is not None else ()
        items = []
        for holder in holders:
            enrollment = await self.repository.get(Enrollment, holder)
            assert enrollment is not None, "a seat is only ever taken by an enrollment"
            items.append(enrollment_view(enrollment))
        return Roster(code, school_year, grade, school.seats(grade), len(holders), items)

    async def _visible(self, actor: Actor, enrollment_id: UUID) -> Enrollment:
        enrollment = await self.repository.get(Enrollment, enrollment_id)
        if enrollment is None or not access.can_see(actor, enrollment, self.schools, self.units):
            raise NotFound("enrollment")
        return enrollment

    async def _seats(self, school: str, enrollment: Enrollment, now: datetime) -> SchoolSeats:
        seats_id = enrollment.seats_id(school)
        seats = await self.repository.get(SchoolSeats, seats_id)
        return seats or SchoolSeats.open(school, enrollment.school_year, enrollment.grade, now)

    def _school(self, code: str, field: str) -> School:
        if code not in self.schools:
            raise InvalidInput(field, "no school has this code")
        return self.schools.get(code)
