"""Opening a stream the reference files feed (the unit registry, the catalog registry):
the stream as stored, with what the files hold and it lacks recorded first.

After the first start nothing is recorded until a data file brings something new. Two
processes starting at once: the second finds the first one's events and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.context import Context
from application.ports import ConcurrencyError
from application.repository import Repository
from domain.shared import Actor, Role

A = TypeVar("A", bound=Aggregate)

LOADER = Actor(sub="motcua-reference-data", role=Role.ADMIN, unit="vn-lao-cai")
"""Who records the reference files: the deployment itself, for the whole jurisdiction."""


async def open_reference_stream(
    repository: Repository, kind: type[A], stream: UUID, record: Callable[[A | None], A]
) -> A:
    """``record`` makes the aggregate (opening it when None) with what the files add as
    pending events; they are saved, once more on a race with another process."""
    for attempt in (1, 2):
        aggregate = record(await repository.get(kind, stream))
        if not aggregate.pending_events:
            return aggregate
        try:
            await repository.save([aggregate], Context(LOADER).metadata())
        except ConcurrencyError:
            if attempt == 2:
                raise
            continue
        return aggregate
    raise AssertionError("unreachable: the second attempt returns or raises")
