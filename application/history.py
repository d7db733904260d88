"""Any stream's history as auditors read it: every event, who, when, and its own fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.errors import NotFound
from application.plain import plain
from application.repository import Repository, short_type
from domain.calendar import VIETNAM_TZ

A = TypeVar("A", bound=Aggregate)
V = TypeVar("V")

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


@dataclass(frozen=True)
class AsOf(Generic[V]):
    """A stream's state exactly as it was at an instant, rebuilt from its events."""

    as_of: datetime
    version: int
    state: V


async def state_as_of(
    repository: Repository,
    kind: type[A],
    stream_id: UUID,
    instant: datetime,
    view: Callable[[A, date], V],
    what: str,
) -> AsOf[V]:
    """Any stream as of ``instant``: its events up to then, replayed; ``view`` sees the
    aggregate and that instant's day (for what depends on the day: overdue, valid)."""
    then = await repository.get(kind, stream_id, as_of=instant)
    if then is None:
        raise NotFound(f"{what} at that instant")
    return AsOf(instant, then.version, view(then, instant.astimezone(VIETNAM_TZ).date()))
