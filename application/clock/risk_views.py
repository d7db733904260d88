"""What ``GET /api/v1/at-risk`` answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True)
class AtRiskDossier:
    id: UUID
    code: str
    due_date: date
    remaining_working_days: int
    """Working days from today to the due date (negative: overdue by that many)."""
    expected_working_days: float
    """What the rest of its route usually takes (learnt per procedure and stop)."""
    risk: float
    reason: str
    apology_by: date | None
    """When still in time: the last day to send the apology and new date (form 04), one
    working day before the due date."""


@dataclass(frozen=True)
class AtRiskList:
    items: tuple[AtRiskDossier, ...]
