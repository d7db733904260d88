"""A student's application to schools for one school year and grade.

``applied`` → ``admitted`` (a seat taken) or ``waitlisted`` or ``refused``; an admitted
student is ``confirmed`` when the family takes the place up, and may later be
transferred to another school, which frees the seat left behind. An admission or a
transfer changes the seats streams it touches in the same append as this stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.enrollments.errors import AlreadyAtSchool, EnrollmentNotOpen, NotAChoice, SeatMismatch
from domain.enrollments.seats import SchoolSeats
from domain.fields import Name, Phone
from domain.shared import Actor


class EnrollmentStatus(StrEnum):
    APPLIED = "applied"
    WAITLISTED = "waitlisted"
    ADMITTED = "admitted"
    CONFIRMED = "confirmed"
    REFUSED = "refused"


UNDECIDED = (EnrollmentStatus.APPLIED, EnrollmentStatus.WAITLISTED)
SEATED = (EnrollmentStatus.ADMITTED, EnrollmentStatus.CONFIRMED)


@dataclass(frozen=True)
class Student:
    full_name: Name
    birth_date: date


@dataclass(frozen=True)
class Guardian:
    full_name: Name
    phone: Phone


class Enrollment(Aggregate):
    class Applied(Aggregate.Created):
        school_year: str
        grade: int
        student: Student
        guardian: Guardian
        residence_unit: str
        choices: tuple[str, ...]
        actor: Actor

    class Admitted(Aggregate.Event):
        school: str
        actor: Actor

    class Waitlisted(Aggregate.Event):
        actor: Actor

    class Refused(Aggregate.Event):
        reason: str
        actor: Actor

    class Confirmed(Aggregate.Event):
        actor: Actor

    class Transferred(Aggregate.Event):
        from_school: str
        to_school: str
        actor: Actor

    @event(Applied)
    def __init__(
        self,
        id: UUID,
        school_year: str,
        grade: int,
        student: Student,
        guardian: Guardian,
        residence_unit: str,
        choices: tuple[str, ...],
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.school_year = school_year
        self.grade = grade
        self.student = student
        self.guardian = guardian
        self.residence_unit = residence_unit
        self.choices = tuple(choices)
        self.status = EnrollmentStatus.APPLIED
        self.school: str | None = None
        self.schools_involved: tuple[str, ...] = tuple(choices)

    @classmethod
    def apply(
        cls,
        *,
        id: UUID,
        school_year: str,
        grade: int,
        student: Student,
        guardian: Guardian,
        residence_unit: str,
        choices: tuple[str, ...],
        actor: Actor,
        at: datetime,
    ) -> Enrollment:
        return cls(
            id=id,
            school_year=school_year,
            grade=grade,
            student=student,
            guardian=guardian,
            residence_unit=residence_unit,
            choices=choices,
            actor=actor,
            timestamp=at,
        )

    def seats_id(self, school: str) -> UUID:
        return SchoolSeats.id_for(school, self.school_year, self.grade)

    # -- decisions --------------------------------------------------------------------------

    def admit(
        self, school: str, seats: SchoolSeats, capacity: int, actor: Actor, at: datetime
    ) -> None:
        """Take a seat at one of the chosen schools (raises when none is left)."""
        self._require("admit", *UNDECIDED)
        if school not in self.choices:
            raise NotAChoice(school)
        self._check(seats, school)
        seats.take(self.id, capacity, at)
        self._admitted(school=school, actor=actor, timestamp=at)

    @event(Admitted)
    def _admitted(self, school: str, actor: Actor, timestamp: datetime) -> None:
        self.status = EnrollmentStatus.ADMITTED
        self.school = school

    def waitlist(self, actor: Actor, at: datetime) -> None:
        self._require("waitlist", EnrollmentStatus.APPLIED)
        self._waitlisted(actor=actor, timestamp=at)

    @event(Waitlisted)
    def _waitlisted(self, actor: Actor, timestamp: datetime) -> None:
        self.status = EnrollmentStatus.WAITLISTED

    def refuse(self, reason: str, actor: Actor, at: datetime) -> None:
        self._require("refuse", *UNDECIDED)
        self._refused(reason=reason, actor=actor, timestamp=at)

    @event(Refused)
    def _refused(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.status = EnrollmentStatus.REFUSED

    def confirm(self, actor: Actor, at: datetime) -> None:
        self._require("confirm", EnrollmentStatus.ADMITTED)
        self._confirmed(actor=actor, timestamp=at)

    @event(Confirmed)
    def _confirmed(self, actor: Actor, timestamp: datetime) -> None:
        self.status = EnrollmentStatus.CONFIRMED

    def transfer(
        self,
        to_school: str,
        leaving: SchoolSeats,
        joining: SchoolSeats,
        capacity: int,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Move to ``to_school``: take a seat there, free the one held here."""
        self._require("transfer", *SEATED)
        assert self.school is not None
        if to_school == self.school:
            raise AlreadyAtSchool(to_school)
        self._check(leaving, self.school)
        self._check(joining, to_school)
        joining.take(self.id, capacity, at)
        leaving.release(self.id, at)
        self._transferred(from_school=self.school, to_school=to_school, actor=actor, timestamp=at)

    @event(Transferred)
    def _transferred(
        self, from_school: str, to_school: str, actor: Actor, timestamp: datetime
    ) -> None:
        self.school = to_school
        self.status = EnrollmentStatus.ADMITTED
        if to_school not in self.schools_involved:
            self.schools_involved = (*self.schools_involved, to_school)

    def _check(self, seats: SchoolSeats, school: str) -> None:
        if seats.id != self.seats_id(school):
            raise SeatMismatch(f"the seats of {seats.school} are not those of {school}")

    def _require(self, command: str, *allowed: EnrollmentStatus) -> None:
        if self.status not in allowed:
            raise EnrollmentNotOpen(command, self.status)
