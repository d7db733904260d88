"""What every bounded context shares: who acts, and the base of domain errors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    SPECIALIST = "specialist"
    LEADER = "leader"
    AUDITOR = "auditor"
    ADMIN = "admin"
    CLINICIAN = "clinician"
    CITIZEN = "citizen"
    INTEGRATION = "integration"
    """A machine client (a dashboard, a gateway): reads the event feed, nothing else."""


@dataclass(frozen=True)
class Actor:
    """Who caused an event: a subject with a role, bound to one unit.

    A citizen acting with the secret printed on their receipt is an actor too,
    with role ``citizen`` and the dossier's receiving unit.
    """

    sub: str
    role: Role
    unit: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))


class DomainError(Exception):
    """A rule of the domain refused a command."""
