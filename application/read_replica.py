"""Read your writes from a replica: a query waits for the projection it reads, then for
the replica to hold what the primary held at that moment; past the replica's bound the
primary answers (its view is the freshest there is)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol


class CaughtUp(Protocol):
    """Read your writes: wait, at most ``within`` seconds, until the projection ``name``
    includes position ``after`` (default: every event committed before the call); False
    when it still does not."""

    def __call__(self, name: str, within: float, after: int | None = None) -> Awaitable[bool]: ...


class ReadReplica(Protocol):
    async def serve_reads(self, within: float) -> bool:
        """Send this call's reads of views to the replica once it replayed the primary's
        log as it is now, waiting at most ``within`` seconds (0: not at all). True when
        the replica serves them; False when the primary does."""
        ...


def read_your_writes(caught_up: CaughtUp, replica: ReadReplica | None) -> CaughtUp:
    """``caught_up`` (the projection has every event it must show), then the replica has
    replayed that projection's commit, or the primary answers; each wait bounded by
    ``within``. What it returns is the projection's freshness, wherever the reads go."""
    if replica is None:
        return caught_up

    async def wait(name: str, within: float, after: int | None = None) -> bool:
        current = await caught_up(name, within, after)
        await replica.serve_reads(within if current else 0.0)
        return current

    return wait
