"""Filing at a desk: one desk's turn at its receipt register, and the lookup secret's hash."""

from __future__ import annotations

import asyncio
import hashlib


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Desk:
    """One desk's turn at its receipt register, and how many filings met an outage.

    Filers queued behind a filing that met an outage get the same answer at once,
    rather than each waiting out the store's lock timeout in turn."""

    def __init__(self) -> None:
        self.turn = asyncio.Lock()
        self.outages = 0
        self.filed = 0
        """Turns taken so far: a queue that moves is not a stuck store."""

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
