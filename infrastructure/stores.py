"""Opens the event store that a database URL names, migrated and ready."""

from __future__ import annotations

from pathlib import Path

from application.ports import EventStore
from infrastructure.durability import UnsafeDurability
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.sqlite.event_store import SqliteEventStore


class UnsupportedDatabaseUrl(ValueError):
    def __init__(self, url: str) -> None:
        super().__init__(
            f"MOTCUA_DATABASE_URL must start with sqlite:///, postgresql:// or memory://, "
            f"not {url.split(':', 1)[0]!r}"
        )


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


async def open_store(
    url: str,
    *,
    lock_timeout: float = 5.0,
    migrate: bool = True,
    allow_unsafe_durability: bool = False,
    pooled: bool = False,
) -> EventStore:
    """The store ``url`` names; refused (:class:`UnsafeDurability`) when its database
    would lose acknowledged commits in a crash, unless ``allow_unsafe_durability``.
    ``pooled``: a PostgreSQL ``url`` is a pooler in transaction mode."""
    store: SqliteEventStore | PostgresEventStore
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        store = await SqliteEventStore.open(path, busy_timeout=lock_timeout)
    elif is_postgres(url):
        # One bound for the store: a lock wait, a statement, or a silent server.
        store = await PostgresEventStore.open(
            url, lock_timeout=lock_timeout, statement_timeout=lock_timeout, pooled=pooled
        )
    elif url.startswith("memory://"):
        return InMemoryEventStore()
    else:
        raise UnsupportedDatabaseUrl(url)
    if not allow_unsafe_durability and (problems := await store.durability_problems()):
        await store.close()
        raise UnsafeDurability(
            "SQLite" if isinstance(store, SqliteEventStore) else "PostgreSQL", problems
        )
    if migrate:
        await store.migrate()
    return store


async def migrate_store(url: str) -> list[int]:
    """Apply the missing schema migrations; return their numbers (none when up to date)."""
    if url.startswith("memory://"):
        return []
    # Migrating loses nothing; serving is what the self-check guards.
    store = await open_store(url, migrate=False, allow_unsafe_durability=True)
    try:
        assert isinstance(store, SqliteEventStore | PostgresEventStore)
        return await store.migrate()
    finally:
        await store.close()
