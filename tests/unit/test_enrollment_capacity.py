"""Random walks through admissions, transfers and refusals at two small schools: a
school never holds more students than seats, and a transfer frees the seat it leaves."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from application.encoding import new_mapper
from domain.enrollments.enrollment import SEATED, Enrollment, Guardian, Student
from domain.enrollments.seats import SchoolSeats
from domain.shared import DomainError, Role
from tests.examples import MONDAY_9AM, officer

MAPPER = new_mapper()
CAPACITY = {"A": 3, "B": 2}
YEAR = "2027-2028"
SPECIALIST = officer(Role.SPECIALIST)


class Admissions(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = MONDAY_9AM
        self.seats = {school: SchoolSeats.open(school, YEAR, 1, self.now) for school in CAPACITY}
        self.seat_events = {school: list(s.collect_events()) for school, s in self.seats.items()}
        self.enrollments: list[Enrollment] = []

    def pick(self, data: st.DataObject) -> Enrollment:
        return self.enrollments[data.draw(st.integers(0, len(self.enrollments) - 1))]

    def tick(self) -> None:
        self.now += timedelta(minutes=1)

    def record(self) -> None:
        for school, seats in self.seats.items():
            self.seat_events[school].extend(seats.collect_events())
        for enrollment in self.enrollments:
            enrollment.collect_events()

    @rule()
    def apply(self) -> None:
        self.tick()
        self.enrollments.append(
            Enrollment.apply(
                id=SchoolSeats.id_for("student", YEAR, len(self.enrollments)),
                school_year=YEAR,
                grade=1,
                student=Student("Học sinh", date(2021, 1, 1)),
                guardian=Guardian("Phụ huynh", "0912345678"),
                residence_unit="02644",
                choices=("A", "B"),
                actor=SPECIALIST,
                at=self.now,
            )
        )

    @precondition(lambda self: self.enrollments)
    @rule(data=st.data(), school=st.sampled_from(sorted(CAPACITY)))
    def admit(self, data: st.DataObject, school: str) -> None:
        enrollment = self.pick(data)
        self.tick()
        with suppress(DomainError):
            enrollment.admit(school, self.seats[school], CAPACITY[school], SPECIALIST, self.now)
        self.record()

    @precondition(lambda self: self.enrollments)
    @rule(data=st.data(), school=st.sampled_from(sorted(CAPACITY)))
    def transfer(self, data: st.DataObject, school: str) -> None:
        enrollment = self.pick(data)
        leaving = self.seats.get(enrollment.school or "")
        held_before = len(leaving.holders) if leaving else 0
        self.tick()
        try:
            enrollment.transfer(
                school,
                leaving or self.seats[school],
                self.seats[school],
                CAPACITY[school],
                SPECIALIST,
                self.now,
            )
        except DomainError:
            self.record()
            return
        assert leaving is not None and len(leaving.holders) == held_before - 1
        self.record()

    @precondition(lambda self: self.enrollments)
    @rule(data=st.data(), action=st.sampled_from(["confirm", "waitlist", "refuse"]))
    def decide(self, data: st.DataObject, action: str) -> None:
        enrollment = self.pick(data)
        self.tick()
        arguments = ("không đủ điều kiện",) if action == "refuse" else ()
        with suppress(DomainError):
            getattr(enrollment, action)(*arguments, SPECIALIST, self.now)
        self.record()

    @invariant()
    def never_above_capacity(self) -> None:
        for school, seats in self.seats.items():
            assert len(seats.holders) <= CAPACITY[school]

    @invariant()
    def the_seats_held_are_the_students_seated_there(self) -> None:
        for school, seats in self.seats.items():
            seated = {e.id for e in self.enrollments if e.status in SEATED and e.school == school}
            assert set(seats.holders) == seated and len(seats.holders) == len(seated)

    @invariant()
    def replaying_the_seats_events_counts_the_same(self) -> None:
        for school, events in self.seat_events.items():
            replayed: Any = None
            for domain_event in events:
                stored = MAPPER.to_stored_event(domain_event)
                domain_event_again: Any = MAPPER.to_domain_event(stored)
                replayed = domain_event_again.mutate(replayed)
            assert replayed is not None and replayed.holders == self.seats[school].holders


Admissions.TestCase.settings = settings(max_examples=100, stateful_step_count=40, deadline=None)
test_admissions = Admissions.TestCase
