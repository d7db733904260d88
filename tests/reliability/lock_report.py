"""Who waits on whose lock: a snapshot of PostgreSQL's blocked sessions, taken while a
long operation is still running, for the message of a test it then fails.

A rebuild's swap once timed out on ``DROP TABLE`` of a live view (the cluster tests, one
run in many): by the time the error surfaced, the session holding the lock was gone.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

BLOCKED = """
SELECT waiting.pid, left(waiting.query, 120), holder.pid, holder.state,
       holder.application_name, left(holder.query, 120), now() - holder.xact_start
FROM pg_stat_activity waiting,
     unnest(pg_blocking_pids(waiting.pid)) AS blocking (pid),
     pg_stat_activity holder
WHERE holder.pid = blocking.pid AND waiting.datname = current_database()
"""


async def blocked_sessions(database_url: str) -> list[tuple[object, ...]]:
    connection = await asyncpg.connect(database_url, timeout=10)
    try:
        return [tuple(row) for row in await connection.fetch(BLOCKED, timeout=10)]
    finally:
        await connection.close()


@asynccontextmanager
async def reporting_locks(database_url: str, after: float = 10.0) -> AsyncIterator[None]:
    """Run the block; if it raises, say which sessions were blocked, and by whom, ``after``
    seconds into it (the holder is usually gone by the time a timeout fires)."""
    if not database_url.startswith("postgres"):
        yield
        return
    snapshot = asyncio.create_task(_after(after, database_url))
    try:
        yield
    except Exception as error:
        seen = _seen(snapshot)
        raise AssertionError(f"{error!r}; blocked sessions {after} s in: {seen}") from error
    finally:
        snapshot.cancel()
        if snapshot.done() and not snapshot.cancelled():
            snapshot.exception()  # retrieved: a failed snapshot is said above, not logged


async def _after(seconds: float, database_url: str) -> list[tuple[object, ...]]:
    await asyncio.sleep(seconds)
    return await blocked_sessions(database_url)


def _seen(snapshot: asyncio.Task[list[tuple[object, ...]]]) -> object:
    if not snapshot.done():
        return "not taken yet"
    if snapshot.cancelled() or snapshot.exception() is not None:
        return f"none (the snapshot failed: {snapshot.exception()!r})"
    return snapshot.result()
