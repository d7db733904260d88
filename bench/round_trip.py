"""What one round trip to PostgreSQL costs the client: wall time and CPU (``getrusage``,
user and system apart), for a simple query and a prepared one, one after another on one
asyncpg connection. The figure behind counting statements per filing
(docs/performance.md, "Issue 18: blocked").

    .venv/bin/python -m bench.round_trip [--dsn URL] [--count N]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
from collections.abc import Awaitable, Callable

import asyncpg

from bench.runner import check_loopback

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"


async def _costs(run: Callable[[], Awaitable[object]], count: int) -> dict[str, float]:
    for _ in range(count // 10):
        await run()  # warm: the statement prepared, the connection's buffers grown
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    for _ in range(count):
        await run()
    after, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - started
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return {
        "wall_us": 1e6 * wall / count,
        "cpu_us": 1e6 * (user + system) / count,
        "user_us": 1e6 * user / count,
        "system_us": 1e6 * system / count,
    }


async def main(dsn: str, count: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        kinds: dict[str, Callable[[], Awaitable[object]]] = {
            "simple query": lambda: connection.execute("SELECT 1"),
            "prepared statement": lambda: connection.fetchval("SELECT $1::int", 1),
        }
        for name, run in kinds.items():
            costs = await _costs(run, count)
            print(f"{name}: " + ", ".join(f"{key} {value:.0f}" for key, value in costs.items()))
    finally:
        await connection.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dsn", default=DEFAULT_DSN)
    parser.add_argument("--count", type=int, default=3000)
    arguments = parser.parse_args()
    check_loopback(arguments.dsn)
    asyncio.run(main(arguments.dsn, arguments.count))
