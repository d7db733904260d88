"""What the calendar's use cases answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DueDateChange:
    """A dossier whose due date or lateness the proposed calendar would change."""

    code: str
    due_date: date | None
    due_date_if: date | None
    late: bool
    late_if: bool


@dataclass(frozen=True)
class WhatIfView:
    items: tuple[DueDateChange, ...]


@dataclass(frozen=True)
class AnnouncementView:
    version: int
    """The calendar stream's version after this announcement."""
    moved: int
    """How many open dossiers' due dates it moved."""
