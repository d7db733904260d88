"""Read your writes from a replica: a query waits for the projection it reads, then for
the replica to hold what the primary held at that moment; past either bound the primary
answers (its view is the freshest there is)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

CaughtUp = Callable[[str, float], Awaitable[bool]]


class ReadReplica(Protocol):
    async def serve_reads(self, within: float) -> bool:
        """Send this call's reads of views to the replica once it replayed the primary's
        log as it is now, waiting at most ``within`` seconds (0: not at all). True when
        the replica serves them; False when the primary does."""
        ...


def read_your_writes(caught_up: CaughtUp, replica: ReadReplica | None) -> CaughtUp:
    """``caught_up`` (the projection has every event it must show), then the replica has
    replayed that projection's commit; each wait bounded by ``within``."""
    if replica is None:
        return caught_up

    async def wait(name: str, within: float) -> bool:
        current = await caught_up(name, within)
        return await replica.serve_reads(within if current else 0.0)

    return wait
