"""Helpers of the health record tests: opening records, reading them, and the raw bytes
of the test's database (the SQLite file and its -wal file, or a pg_dump of its schema)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from domain.shared import Role
from tests.contract.conftest import Storage
from tests.e2e.api import bearer
from tests.examples import COC_LEU

PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump"
PERSON = {"full_name": "Giàng Thị Dua", "citizen_id": "010203004005", "birth_date": "1990-05-17"}


async def open_record(
    client: httpx.AsyncClient, unit: str = COC_LEU, **person: str
) -> dict[str, Any]:
    answer = await client.post(
        "/api/v1/health-records",
        json={"person": {**PERSON, "sex": "female", **person}},
        headers=bearer(Role.CLINICIAN, unit),
    )
    assert answer.status_code == 201, answer.text
    opened: dict[str, Any] = answer.json()
    return opened


async def read(
    client: httpx.AsyncClient,
    record: dict[str, Any],
    role: Role,
    unit: str,
    purpose: str = "treatment",
) -> httpx.Response:
    return await client.get(
        f"/api/v1/health-records/{record['id']}",
        headers={**bearer(role, unit), "X-Purpose": purpose},
    )


async def write(
    client: httpx.AsyncClient,
    record: dict[str, Any],
    entry: str,
    body: dict[str, Any],
    role: Role = Role.CLINICIAN,
    unit: str = COC_LEU,
) -> httpx.Response:
    return await client.post(
        f"/api/v1/health-records/{record['id']}/{entry}", json=body, headers=bearer(role, unit)
    )


async def raw_bytes(storage: Storage) -> bytes:
    """Everything the database holds on disk (SQLite) or would back up (PostgreSQL)."""
    if storage.sqlite_path is not None:
        wal = storage.sqlite_path.with_name(storage.sqlite_path.name + "-wal")
        return storage.sqlite_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert storage.postgres_url is not None
    dump = await asyncio.create_subprocess_exec(
        PG_DUMP,
        f"--schema={storage.postgres_schema}",
        f"--dbname={storage.postgres_url}",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await dump.communicate()
    assert dump.returncode == 0, err.decode()
    return out


def found_in(raw: bytes, secret: str | bytes) -> bool:
    """As stored (text, BLOB) or as pg_dump writes bytea (hex)."""
    value = secret.encode() if isinstance(secret, str) else secret
    return value in raw or value.hex().encode() in raw


def _on_sqlite(path: Path, query: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as db:
        return [tuple(row) for row in db.execute(query, args)]


async def sql(storage: Storage, query: str, *args: Any) -> list[tuple[Any, ...]]:
    """Run ``query`` (``?`` placeholders) directly on the test's database; on SQLite from a
    thread, so that the projections' transactions on the same file may finish meanwhile."""
    if storage.sqlite_path is not None:
        return await asyncio.to_thread(_on_sqlite, storage.sqlite_path, query, args)
    assert storage.postgres_url is not None
    numbered = query
    for n in range(1, len(args) + 1):
        numbered = numbered.replace("?", f"${n}", 1)
    connection = await asyncpg.connect(
        storage.postgres_url, server_settings={"search_path": str(storage.postgres_schema)}
    )
    try:
        return [tuple(row) for row in await connection.fetch(numbered, *args)]
    finally:
        await connection.close()
