"""Where in the log a piece of work (one HTTP request) wrote: its answer names the last
position, and the client may hand it back to a later query, on any server process, to
read its own writes (``Motcua-Position``, then ``Motcua-After``).

A context variable holds a list that :meth:`Repository.save` appends to: a list, not a
number, so that a save in a task started inside the work (which runs on a copy of the
context) still lands in the same list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_positions: ContextVar[list[int] | None] = ContextVar("written_positions", default=None)


@contextmanager
def recording() -> Iterator[list[int]]:
    """The positions saved while inside, in the order they committed."""
    positions: list[int] = []
    token = _positions.set(positions)
    try:
        yield positions
    finally:
        _positions.reset(token)


def note(position: int) -> None:
    """Called by the repository once an append has committed at ``position``."""
    positions = _positions.get()
    if positions is not None:
        positions.append(position)
