"""The permit commands' arguments, declared once (see ``application/dossiers/commands.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.fields import Reason


@dataclass(frozen=True)
class Amend:
    scope: Reason


@dataclass(frozen=True)
class Extend:
    valid_until: date


@dataclass(frozen=True)
class Suspend:
    reason: Reason


@dataclass(frozen=True)
class Reinstate:
    reason: Reason


@dataclass(frozen=True)
class Revoke:
    reason: Reason
