"""The named refusals of school enrollment."""

from __future__ import annotations

from domain.shared import DomainError


class CapacityExhausted(DomainError):
    """Every seat of the school for that year and grade is taken."""

    def __init__(self, school: str, school_year: str, grade: int) -> None:
        super().__init__(f"{school} has no seat left in grade {grade} for {school_year}")
        self.school = school


class EnrollmentNotOpen(DomainError):
    """The command needs the enrollment in another status."""

    def __init__(self, command: str, status: str) -> None:
        super().__init__(f"cannot {command} an enrollment that is {status}")
        self.status = status


class NotAChoice(DomainError):
    def __init__(self, school: str) -> None:
        super().__init__(f"{school} is not among the schools the family chose")


class AlreadyAtSchool(DomainError):
    def __init__(self, school: str) -> None:
        super().__init__(f"the student already holds a seat at {school}")


class SeatMismatch(DomainError):
    """A programming error in the caller: the seats of another school, year or grade."""


class UnknownSchool(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(f"no school has the code {code!r}")
        self.code = code
