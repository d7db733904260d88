"""Filing at a desk: the numbers of one desk's receipt register, and the lookup secret's hash.

A desk's filings take tickets in turn: a ticket is the register's version to decide on,
the version the ticket before it will leave. Holding a ticket, a filing decides on its
own (the dossier, its receipt rendered: the slow part), then waits until the ticket
before it has queued its append and queues its own right behind it, so a busy desk's
filings are decided side by side and share the store's group commit instead of
waiting for each other's commits in turn.

The store still judges every append on its own (the register's expected version), so a
number is only ever kept by the one filing whose append committed at it. When a filing
gives up its ticket (its decision failed) or its append fails, the tickets after it are
void: their filings decide again, and the desk hands out no ticket until everything in
flight has settled and it has read the register again.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from application.ports import StoreUnavailable

T = TypeVar("T")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass
class Ticket:
    version: int
    """The register's version to decide on."""
    before: asyncio.Future[bool] | None
    """The ticket before this one: True once its append is queued, False if given up."""
    queued: asyncio.Future[bool] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class Desk:
    """One desk's tickets: the turn to take one, the version the next one decides on
    (None: read the register), and how many filings met an outage.

    Filers queued behind a filing that met an outage get the same answer at once,
    rather than each waiting out the store's lock timeout in turn."""

    def __init__(self) -> None:
        self.turn = asyncio.Lock()
        self.outages = 0
        self.filed = 0
        """Turns taken so far: a queue that moves is not a stuck store."""
        self.version: int | None = None
        self.last: asyncio.Future[bool] | None = None
        self.outstanding = 0
        """Tickets whose filing has neither given them up nor seen its append settle."""
        self._settled = asyncio.Event()
        self._settled.set()

    async def take_turn(self, patience: float) -> bool:
        """Wait for the turn while the queue moves: False once no filing took a ticket
        for ``patience`` seconds."""
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

    async def ticket(
        self,
        read_version: Callable[[], Awaitable[int]],
        step: Callable[[int], int],
        outages_seen: int,
    ) -> Ticket:
        """The next ticket; ``step`` gives the version a ticket's append leaves. A filer
        that saw no outage when it came, and sees one now, is answered at once."""
        if self.version is None:
            await self._settled.wait()
        if self.outages != outages_seen:
            raise StoreUnavailable("the store did not answer the filing before this one")
        if self.version is None:
            self.version, self.last = await read_version(), None
        ticket = Ticket(self.version, self.last)
        self.version, self.last = step(self.version), ticket.queued
        self.outstanding += 1
        self._settled.clear()
        return ticket

    def settle(self, failed: bool) -> None:
        """A ticket is done with: given up, or its append committed or failed (then the
        desk reads the register again once no other ticket is outstanding)."""
        self.outstanding -= 1
        if failed:
            self.version = None
        if self.outstanding == 0:
            self._settled.set()


class DeskFiling:
    """A filing's attempts at the desk."""

    def __init__(self, desk: Desk, patience: float) -> None:
        self.desk = desk
        self.patience = patience
        self.outages_seen = desk.outages
        self.queued = False

    async def decide(
        self,
        read_version: Callable[[], Awaitable[int]],
        step: Callable[[int], int],
        decide_at: Callable[[int], Awaitable[T]],
    ) -> T:
        """``decide_at`` a ticket's version, again on a new ticket while the one before
        gives up. The caller appends right after this returns, with no await in between:
        the ticket after this one learns it may queue only once this task next waits,
        which is for its append's commit, by then queued."""
        self.settle(failed=True)  # deciding again: the previous attempt's append failed
        while True:
            ticket = await self._take(read_version, step)
            try:
                decision = await decide_at(ticket.version)
                # Shielded: a filer that gives up waiting must not cancel the one before.
                if ticket.before is None or await asyncio.shield(ticket.before):
                    ticket.queued.set_result(True)
                    self.queued = True
                    return decision
            except BaseException:
                self._give_up(ticket)
                raise
            self._give_up(ticket)

    async def _take(
        self, read_version: Callable[[], Awaitable[int]], step: Callable[[int], int]
    ) -> Ticket:
        desk = self.desk
        if not await desk.take_turn(self.patience):
            raise StoreUnavailable("the desk's receipt register is busy; try again")
        try:
            return await desk.ticket(read_version, step, self.outages_seen)
        finally:
            desk.turn.release()

    def _give_up(self, ticket: Ticket) -> None:
        ticket.queued.set_result(False)
        self.desk.settle(failed=True)

    def settle(self, failed: bool) -> None:
        """This filing's queued append has committed or failed."""
        if self.queued:
            self.queued = False
            self.desk.settle(failed)
