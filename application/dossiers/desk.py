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
