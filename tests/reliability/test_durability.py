"""The startup self-check: a store that would lose acknowledged commits is refused.

On the private cluster: ``fsync``, ``full_page_writes`` (``ALTER SYSTEM``, reloaded) and
``synchronous_commit`` (for the database) are turned off one at a time; opening the
store, and ``motcua serve``, must refuse with a message that names the setting and the
override, and ``MOTCUA_ALLOW_UNSAFE_DURABILITY=1`` must let the server start. SQLite:
an in-memory database, and a connection without ``synchronous=FULL``, are judged unsafe.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from infrastructure.durability import OVERRIDE, UnsafeDurability, sqlite_problems
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.sqlite.event_store import SqliteEventStore
from infrastructure.stores import open_store
from tests.reliability.cluster import PrivateCluster
from tests.reliability.server import MOTCUA, Server

pytestmark = pytest.mark.reliability


@contextmanager
def unsafe(cluster: PrivateCluster, database: str, name: str) -> Iterator[None]:
    if name == "synchronous_commit":
        cluster.sql(f"ALTER DATABASE {database} SET synchronous_commit = off")
        try:
            yield
        finally:
            cluster.sql(f"ALTER DATABASE {database} RESET synchronous_commit")
        return
    cluster.set_system(name, "off")
    try:
        yield
    finally:
        cluster.set_system(name, None)


def serve_once(server: Server) -> subprocess.CompletedProcess[str]:
    """``motcua serve`` that is expected to refuse: it must exit by itself."""
    return subprocess.run(
        [str(MOTCUA), "serve"],
        env=server.environment(),
        cwd=server.directory,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_a_safe_postgres_and_a_safe_sqlite_pass(
    cluster_database: str, tmp_path: Path
) -> None:
    for url in (cluster_database, f"sqlite:///{tmp_path / 'safe.sqlite3'}"):
        store = await open_store(url)
        try:
            assert isinstance(store, SqliteEventStore | PostgresEventStore)
            assert await store.durability_problems() == []
        finally:
            await store.close()


@pytest.mark.parametrize("setting", ["fsync", "full_page_writes", "synchronous_commit"])
async def test_postgres_that_would_lose_commits_is_refused_unless_overridden(
    setting: str,
    cluster: PrivateCluster,
    cluster_database: str,
    servers: list[Server],
    tmp_path: Path,
) -> None:
    database = cluster_database.rsplit("/", 1)[1]
    server = Server(cluster_database, tmp_path)
    with unsafe(cluster, database, setting):
        with pytest.raises(UnsafeDurability) as refused:
            await open_store(cluster_database)
        assert setting in str(refused.value) and OVERRIDE in str(refused.value)

        answer = serve_once(server)
        assert answer.returncode != 0
        assert "refusing to start" in answer.stderr and setting in answer.stderr
        assert "Traceback" not in answer.stderr, answer.stderr

        allowed = Server(cluster_database, tmp_path, {"MOTCUA_ALLOW_UNSAFE_DURABILITY": "1"})
        servers.append(allowed)
        assert allowed.start() < 30


async def test_sqlite_in_memory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeDurability, match="journal_mode = 'memory'"):
        await open_store("sqlite:///:memory:")


def test_sqlite_without_synchronous_full_is_judged_unsafe(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "normal.sqlite3")
    try:
        journal = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        db.execute("PRAGMA synchronous = NORMAL")
        synchronous = str(db.execute("PRAGMA synchronous").fetchone()[0])
    finally:
        db.close()
    assert sqlite_problems(journal, synchronous) == ["synchronous = 1, must be 2 (FULL)"]
    assert sqlite_problems("delete", "2") == ["journal_mode = 'delete', must be 'wal'"]
    assert sqlite_problems("wal", "2") == []
