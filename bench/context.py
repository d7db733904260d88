"""What a scenario is given and what it answers, and a fresh PostgreSQL schema for it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg

WORKERS = 32
"""Concurrent clients of the concurrent scenarios (connections, threads or tasks)."""


@dataclass(frozen=True)
class Context:
    dsn: str
    """The run's own database (``motcua_bench_<random>``)."""
    workdir: Path
    """The run's own temporary directory (SQLite files)."""
    seconds: float
    warmup: float
    quick: bool = False
    """``bench/run --quick``: the scenarios that seed a large log or view use a smaller N."""


@dataclass
class Result:
    value: float
    unit: str
    detail: dict[str, Any] = field(default_factory=dict)


@asynccontextmanager
async def fresh_schema(dsn: str, prefix: str) -> AsyncIterator[str]:
    """A new, empty schema in the run's database, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f"CREATE SCHEMA {name}")
        try:
            yield name
        finally:
            await admin.execute(f"DROP SCHEMA {name} CASCADE")
    finally:
        await admin.close()


def connection_parts(dsn: str) -> dict[str, Any]:
    """host, port, user, password and dbname of a ``postgresql://`` URL."""
    parts = urlsplit(dsn)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or "",
        "dbname": parts.path.lstrip("/"),
    }
