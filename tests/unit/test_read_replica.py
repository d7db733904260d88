"""Read your writes with a replica: the projection first, then the replica, each bounded;
a projection still behind sends the call to the primary without asking the replica to
wait. The answer is the projection's freshness (``Motcua-Stale``), wherever reads go."""

from __future__ import annotations

from application.read_replica import CaughtUp, read_your_writes


class Replica:
    def __init__(self, replayed: bool) -> None:
        self.replayed = replayed
        self.asked: list[float] = []

    async def serve_reads(self, within: float) -> bool:
        self.asked.append(within)
        return self.replayed and within > 0


def projection(current: bool) -> CaughtUp:
    async def caught_up(name: str, within: float, after: int | None = None) -> bool:
        return current

    return caught_up


async def test_without_a_replica_the_wait_is_the_projections() -> None:
    caught_up = projection(True)
    assert read_your_writes(caught_up, None) is caught_up


async def test_a_current_projection_then_waits_for_the_replica_within_the_bound() -> None:
    replica = Replica(replayed=True)
    wait = read_your_writes(projection(True), replica)
    assert await wait("search", 0.5) is True
    assert replica.asked == [0.5]


async def test_a_replica_behind_leaves_the_call_to_the_primary_fresh_all_the_same() -> None:
    replica = Replica(replayed=False)
    wait = read_your_writes(projection(True), replica)
    assert await wait("search", 0.5, 42) is True  # the primary's view is current
    assert replica.asked == [0.5]


async def test_a_projection_behind_sends_the_call_to_the_primary_at_once() -> None:
    replica = Replica(replayed=True)
    wait = read_your_writes(projection(False), replica)
    assert await wait("inbox", 0.5) is False
    assert replica.asked == [0.0]  # told to read the primary, not to wait
