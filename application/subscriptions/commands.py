"""The subscription commands' arguments, declared once (see
``application/dossiers/commands.py``). The secret arrives in the clear and is sealed by
the use case before any event holds it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from domain.fields import Between, EventType, UnitCode, Url, WebhookSecret


@dataclass(frozen=True)
class Subscribe:
    url: Url
    secret: WebhookSecret
    types: Annotated[tuple[EventType, ...], Between(0, 100)] = ()
    """Published types to deliver; none: all of them."""
    units: Annotated[tuple[UnitCode, ...], Between(0, 100)] = ()
    """Units whose events to deliver (where it happened); none: every unit."""


@dataclass(frozen=True)
class Replay:
    after: Annotated[int, Between(0, None)]
    """Deliver again every matching event after this log position."""
