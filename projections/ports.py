"""What a projection is, and the ports its runner needs from the outside world.

A projection turns decoded domain events into writes on its view, through a view
port of its own (a ``typing.Protocol`` declared beside it, e.g. ``InboxView``). The
runner feeds it the global log in position order; the view's writes and the
projection's new position commit in one transaction of a :class:`ProjectionStore`,
which is what makes each event take effect exactly once, across crashes too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from application.ports import RecordedEvent

W = TypeVar("W")
W_co = TypeVar("W_co", covariant=True)
W_contra = TypeVar("W_contra", contravariant=True)


@dataclass(frozen=True)
class Envelope:
    """A stored event and its decoded domain event."""

    recorded: RecordedEvent
    event: Any


Decode = Callable[[RecordedEvent], Any]
StreamHistory = Callable[[UUID], Awaitable[list[Envelope]]]
"""A stream's events, decoded, oldest first."""


class Projection(Protocol[W_contra]):
    @property
    def name(self) -> str: ...

    @property
    def version(self) -> int:
        """Bumped when the view's shape or meaning changes: a new version is rebuilt."""
        ...

    @property
    def topics(self) -> frozenset[str] | None:
        """The event topics it handles; None for every event."""
        ...

    async def handle(self, envelope: Envelope, view: W_contra) -> None: ...


@dataclass(frozen=True)
class Tracking:
    """A projection's row in ``projection_positions``."""

    version: int
    generation: int
    position: int
    error: str | None = None


class PositionMoved(Exception):
    """The tracked position is not the one the runner expected: someone else (a rebuild's
    swap, another runner) moved it. Nothing was written; resume from ``actual``."""

    def __init__(self, actual: int) -> None:
        super().__init__(f"the projection's position moved to {actual}")
        self.actual = actual


class RebuildInProgress(RuntimeError):
    """Another rebuild of the same view is running."""

    def __init__(self, name: str) -> None:
        super().__init__(f"a rebuild of {name} is already running")


class ViewTransaction(Protocol[W_co]):
    """The view's writer inside one transaction, and the position it will commit."""

    @property
    def view(self) -> W_co: ...

    def advance_to(self, position: int) -> None: ...


class Lease(Protocol[W_co]):
    """The right to run a projection: while held, nobody else runs it."""

    def transaction(
        self, expected_position: int
    ) -> AbstractAsyncContextManager[ViewTransaction[W_co]]:
        """Writes on the live view plus the new position, committed together on exit.
        Raises :class:`PositionMoved` on entry when the tracked position differs."""
        ...


class ProjectionStore(Protocol[W_co]):
    """One projection's view and tracking row on one backend."""

    @property
    def name(self) -> str: ...

    async def tracking(self) -> Tracking | None: ...

    async def create(self, version: int) -> Tracking:
        """The tracking row, creating it and the (empty) live view when missing."""
        ...

    def lease(self) -> AbstractAsyncContextManager[Lease[W_co] | None]:
        """Yields a lease, or None while another runner holds it."""
        ...

    async def record_failure(self, error: str) -> None: ...

    def rebuilding(self) -> AbstractAsyncContextManager[None]:
        """Held during a rebuild, so two rebuilds of one view never overlap."""
        ...

    async def begin_rebuild(self, version: int) -> int:
        """Create an empty view aside (a new generation) and return its number."""
        ...

    def aside(self, generation: int) -> AbstractAsyncContextManager[ViewTransaction[W_co]]:
        """Writes on the view being built aside; commits no position."""
        ...

    def swap(
        self, generation: int, version: int
    ) -> AbstractAsyncContextManager[ViewTransaction[W_co]]:
        """Last writes on the view built aside, then, in the same transaction, it replaces
        the live view and the tracking row takes its version and position."""
        ...

    async def abandon(self, generation: int) -> None:
        """Drop a view built aside that will not be swapped in."""
        ...


class WakeUps(Protocol):
    """Tells a waiting runner that new events may have been committed."""

    @property
    def count(self) -> int:
        """Notifications seen so far; pass it to :meth:`wait_after`."""
        ...

    async def wait_after(self, seen: int, at_most: float) -> None:
        """Return once a notification arrives after ``seen``, or after ``at_most`` seconds
        (notifications can be lost, so callers poll too)."""
        ...

    def nudge(self) -> None:
        """Count a notification now: waiting runners look for new events at once (a
        reader needs what was just committed, and the store may not notify)."""
        ...

    async def close(self) -> None: ...


@dataclass(frozen=True)
class Binding(Generic[W]):
    """A projection, and the store of its view."""

    new_projection: Callable[[], Projection[W]]
    views: ProjectionStore[W]

    @property
    def name(self) -> str:
        return self.views.name
