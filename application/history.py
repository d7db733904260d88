"""Any stream's history as auditors read it: every event, who, when, and its own fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from application.plain import plain
from application.repository import short_type

_NOT_IN_HISTORY = frozenset(
    {"originator_id", "originator_version", "originator_topic", "timestamp", "actor", "secret_hash"}
)


@dataclass(frozen=True)
class ActorView:
    sub: str
    role: str
    unit: str


@dataclass(frozen=True)
class HistoryEvent:
    version: int
    type: str
    at: datetime
    actor: ActorView
    data: dict[str, Any]


@dataclass(frozen=True)
class History:
    events: list[HistoryEvent]


def event_data(domain_event: Any) -> dict[str, Any]:
    """An event's own fields as JSON-ready values (not who, when, nor the secret's hash)."""
    return {
        name: plain(value)
        for name, value in vars(domain_event).items()
        if name not in _NOT_IN_HISTORY
    }


def history_view(events: Sequence[Any]) -> History:
    return History(
        [
            HistoryEvent(
                version=domain_event.originator_version,
                type=short_type(type(domain_event).__qualname__),
                at=domain_event.timestamp,
                actor=ActorView(**plain(domain_event.actor)),
                data=event_data(domain_event),
            )
            for domain_event in events
        ]
    )
