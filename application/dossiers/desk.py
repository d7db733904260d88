"""Filing at a desk: the numbers of one desk's receipt register, and the lookup secret's hash.

A desk's filings take their numbers in turn, but a turn lasts only while a filing
decides (the number, the dossier, its receipt) and queues its append: the next filing
decides on the version that append will leave, so a busy desk's appends share the
store's group commit instead of each waiting for the one before to commit. The store
still judges every append on its own (the register's expected version), so a number
is only ever kept by the one filing whose append committed at it: when an append
fails, the filings queued behind it fail their version check, and the desk forgets
its numbering until everything in flight has settled and it has read the register
again.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from application.ports import StoreUnavailable


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Desk:
    """One desk's turn at its receipt register, the version its queued appends will
    leave it at (None: read the store), and how many filings met an outage.

    Filers queued behind a filing that met an outage get the same answer at once,
    rather than each waiting out the store's lock timeout in turn."""

    def __init__(self) -> None:
        self.turn = asyncio.Lock()
        self.outages = 0
        self.filed = 0
        """Turns taken so far: a queue that moves is not a stuck store."""
        self.version: int | None = None
        self.in_flight = 0
        self._settled = asyncio.Event()
        self._settled.set()

    async def take_turn(self, patience: float) -> bool:
        """Wait for the turn while the queue moves: False once no filing ended for
        ``patience`` seconds (each filing renders its receipt, so a busy desk's queue
        moves slower than its store answers, and is still no outage)."""
        while True:
            seen = self.filed
            try:
                async with asyncio.timeout(patience):
                    await self.turn.acquire()
            except TimeoutError:
                if self.filed == seen:
                    return False
                continue
            self.filed += 1
            return True

    @asynccontextmanager
    async def filing(self, patience: float) -> AsyncIterator[DeskFiling]:
        """One filing at this desk, however many attempts its command runner makes."""
        filing = DeskFiling(self, patience)
        try:
            yield filing
        except StoreUnavailable:
            self.outages += 1
            filing.settle(failed=True)
            raise
        except BaseException:
            filing.settle(failed=True)
            raise
        # An append that met a used idempotency key also ends in an answer (the first
        # one's): the next filing then fails its version check and the desk reads again.
        filing.settle(failed=False)

    async def settled(self) -> None:
        """Wait until no append of this desk is in flight."""
        await self._settled.wait()

    def queued(self, version: int) -> None:
        """An append that leaves the register at ``version`` is about to be queued."""
        self.version = version
        self.in_flight += 1
        self._settled.clear()

    def settle(self, failed: bool) -> None:
        """An append queued at this desk has committed, or failed (then the desk reads
        the register again once nothing is in flight)."""
        self.in_flight -= 1
        if failed:
            self.version = None
        if self.in_flight == 0:
            self._settled.set()


@dataclass
class Turn:
    version: int
    """The register's version to decide on."""
    after: int | None = None

    def leaves(self, version: int) -> None:
        """The filing's append leaves the register at ``version``."""
        self.after = version


class DeskFiling:
    """A filing's attempts at the desk: each takes a turn, decides on the register's
    version, and leaves the turn once its append is about to be queued."""

    def __init__(self, desk: Desk, patience: float) -> None:
        self.desk = desk
        self.patience = patience
        self.outages_seen = desk.outages
        self.queued = False

    @asynccontextmanager
    async def turn(self, read_version: Callable[[], Awaitable[int]]) -> AsyncIterator[Turn]:
        """The register's version to decide on, during this filing's turn.

        The caller decides within the block, says which version its append leaves the
        register at, and appends right after the block with no await in between: the
        turn passes on when the caller's task next waits, which is for its append's
        commit, by then queued ahead of the next filing's."""
        self.settle(failed=True)  # deciding again: the previous attempt's append failed
        desk = self.desk
        if not await desk.take_turn(self.patience):
            raise StoreUnavailable("the desk's receipt register is busy; try again")
        try:
            if desk.outages != self.outages_seen:
                raise StoreUnavailable("the store did not answer the filing before this one")
            if desk.version is None:
                await desk.settled()
                desk.version = await read_version()
            turn = Turn(desk.version)
            yield turn
            if turn.after is None:
                raise AssertionError("a filing's turn ended without saying what it appends")
            desk.queued(turn.after)
            self.queued = True
        finally:
            desk.turn.release()

    def settle(self, failed: bool) -> None:
        """This filing's queued append has committed or failed."""
        if self.queued:
            self.queued = False
            self.desk.settle(failed)
