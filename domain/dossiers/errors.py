"""The named refusals of the dossier workflow."""

from __future__ import annotations

from datetime import date

from domain.shared import DomainError


class InvalidTransition(DomainError):
    """The command is not allowed in the dossier's current state."""

    def __init__(self, command: str, status: str) -> None:
        super().__init__(f"cannot {command.replace('_', ' ')} a dossier that is {status}")
        self.command = command
        self.status = status


class NotOnRoute(DomainError):
    """A transfer or decision that the procedure's route does not allow."""


class InvalidAppointment(DomainError):
    """A new appointment date that does not come after the current one."""

    def __init__(self, new_due_date: date, due_date: date | None) -> None:
        super().__init__(f"the new appointment {new_due_date} must come after {due_date}")


class AlreadyApologized(DomainError):
    """The appointment is re-set once: a dossier gets one apology."""

    def __init__(self) -> None:
        super().__init__("an apology was already issued for this dossier")


class AlreadyRated(DomainError):
    def __init__(self) -> None:
        super().__init__("the citizen has already rated this dossier")


class WrongAmount(DomainError):
    """A payment that is not the fee due, to the dong (none is due: 0)."""

    def __init__(self, due_vnd: int, paid_vnd: int) -> None:
        super().__init__(f"the fee due is {due_vnd} VND, not {paid_vnd}")
        self.due_vnd = due_vnd
        self.paid_vnd = paid_vnd
