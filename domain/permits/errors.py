"""The named refusals of the permit lifecycle."""

from __future__ import annotations

from datetime import date

from domain.shared import DomainError


class PermitNotInForce(DomainError):
    """The command needs the permit in another status (valid, suspended, ...)."""

    def __init__(self, command: str, status: str) -> None:
        super().__init__(f"cannot {command} a permit that is {status}")
        self.command = command
        self.status = status


class InvalidExtension(DomainError):
    def __init__(self, valid_until: date, current: date) -> None:
        super().__init__(f"an extension must end after {current}, not on {valid_until}")


class InvalidPermitTerms(DomainError):
    """An approval's permit terms are missing or malformed; ``field`` names which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
