"""The calendar commands' arguments, each declared once (see application/dossiers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from domain.fields import Between, Reason

Dates = Annotated[tuple[date, ...], Between(most=366)]


@dataclass(frozen=True)
class WhatIf:
    """A proposed change of the calendar, tried without changing anything."""

    extra_days_off: Dates = ()
    make_up_days: Dates = ()


@dataclass(frozen=True)
class Announce:
    """Days off announced or withdrawn and make-up working days, with their legal basis."""

    legal_basis: Reason
    add_days_off: Dates = ()
    remove_days_off: Dates = ()
    make_up_days: Dates = ()
