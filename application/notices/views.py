"""What staff see of the notices sent to a dossier's applicant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class NoticeEntry:
    kind: str
    """``received``, ``supplement_requested``, ``new_date`` or ``result_ready``."""
    channel: str
    """``email`` or ``sms``."""
    state: str
    """``sent`` or ``failed``."""
    reason: str | None
    at: datetime


@dataclass(frozen=True)
class NoticesView:
    failed: int
    items: list[NoticeEntry]
