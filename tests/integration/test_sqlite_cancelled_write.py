"""A task cancelled while its write transaction waits for SQLite's lock must not leave
that transaction open: aiosqlite finishes the BEGIN on its thread after the task has
gone, and only a ROLLBACK queued behind it gives the write lock back (found when the
permit issuer's relay was stopped while creating its position row)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from infrastructure.sqlite.views import SqliteViews
from infrastructure.stores import open_store


async def test_a_write_cancelled_while_waiting_for_the_lock_gives_it_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "motcua.db"
    store = await open_store(f"sqlite:///{path}")
    views = await SqliteViews.open(path, busy_timeout=5.0)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # someone else writes for a moment

        async def write() -> None:
            async with views.transaction() as session:
                await session.execute("SELECT 1")

        waiting = asyncio.create_task(write())
        await asyncio.sleep(0.2)  # the BEGIN is waiting on aiosqlite's thread
        waiting.cancel()
        holder.execute("ROLLBACK")  # the lock is free: the cancelled BEGIN now gets it
        await asyncio.sleep(0.3)  # (its busy handler retries within a few milliseconds)
        await asyncio.gather(waiting, return_exceptions=True)
        # The lock came back: another connection writes without waiting.
        other = sqlite3.connect(path, isolation_level=None, timeout=0.5)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()
    finally:
        holder.close()
        await views.close()
        await store.close()
