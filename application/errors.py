"""Refusals of the use cases, beyond the domain's own rules."""

from __future__ import annotations


class ApplicationError(Exception):
    pass


class NotFound(ApplicationError):
    """Does not exist, or is outside the caller's scope: the caller cannot tell which."""

    def __init__(self, what: str = "dossier") -> None:
        super().__init__(f"no such {what}")


class Forbidden(ApplicationError):
    """The caller can see it, but their role may not do this."""


class PreconditionFailed(ApplicationError):
    """The caller's If-Match names a version that is no longer current."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the dossier is at version {actual}, not {expected}")
        self.expected = expected
        self.actual = actual


class ConcurrencyConflict(ApplicationError):
    """Another command changed the same record first; nothing was applied."""


class IdempotencyKeyReused(ApplicationError):
    """The idempotency key was first used for a different request."""

    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was used for a different request")


class InvalidInput(ApplicationError):
    """A value the domain cannot accept, named by field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Gone(ApplicationError):
    """It existed, and is no more: erased for good (a health record's files after the
    person's key was shredded)."""
