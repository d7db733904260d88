"""A school's seats for one school year and grade: one stream whose version guards the count.

Every admission appends to this stream in the same atomic append as the enrollment's own
event, stating the version it counted on; two admissions racing for the last seat cannot
both commit, and the loser counts again on the new state.
"""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.enrollments.errors import CapacityExhausted

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:school-seats")


class SchoolSeats(Aggregate):
    class Opened(Aggregate.Created):
        school: str
        school_year: str
        grade: int

    class Taken(Aggregate.Event):
        enrollment_id: UUID

    class Released(Aggregate.Event):
        enrollment_id: UUID

    @staticmethod
    def id_for(school: str, school_year: str, grade: int) -> UUID:
        return uuid5(_NAMESPACE, f"{school}/{school_year}/{grade}")

    @classmethod
    def open(cls, school: str, school_year: str, grade: int, at: datetime) -> SchoolSeats:
        return cls(
            id=cls.id_for(school, school_year, grade),
            school=school,
            school_year=school_year,
            grade=grade,
            timestamp=at,
        )

    @event(Opened)
    def __init__(
        self, id: UUID, school: str, school_year: str, grade: int, timestamp: datetime
    ) -> None:
        self.school = school
        self.school_year = school_year
        self.grade = grade
        self.holders: tuple[UUID, ...] = ()

    def take(self, enrollment_id: UUID, capacity: int, at: datetime) -> None:
        """Give the enrollment a seat, unless all ``capacity`` seats are held."""
        if enrollment_id in self.holders:
            return
        if len(self.holders) >= capacity:
            raise CapacityExhausted(self.school, self.school_year, self.grade)
        self._taken(enrollment_id=enrollment_id, timestamp=at)

    @event(Taken)
    def _taken(self, enrollment_id: UUID, timestamp: datetime) -> None:
        self.holders = (*self.holders, enrollment_id)

    def release(self, enrollment_id: UUID, at: datetime) -> None:
        if enrollment_id in self.holders:
            self._released(enrollment_id=enrollment_id, timestamp=at)

    @event(Released)
    def _released(self, enrollment_id: UUID, timestamp: datetime) -> None:
        self.holders = tuple(holder for holder in self.holders if holder != enrollment_id)
