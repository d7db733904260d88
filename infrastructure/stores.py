"""Opens the event store that a database URL names, migrated and ready."""

from __future__ import annotations

from pathlib import Path

from application.ports import EventStore
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.postgres.event_store import PostgresEventStore
from infrastructure.sqlite.event_store import SqliteEventStore


class UnsupportedDatabaseUrl(ValueError):
    def __init__(self, url: str) -> None:
        super().__init__(
            f"MOTCUA_DATABASE_URL must start with sqlite:///, postgresql:// or memory://, "
            f"not {url.split(':', 1)[0]!r}"
        )


async def open_store(url: str, *, lock_timeout: float = 5.0, migrate: bool = True) -> EventStore:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite = await SqliteEventStore.open(path, busy_timeout=lock_timeout)
        if migrate:
            await sqlite.migrate()
        return sqlite
    if url.startswith(("postgresql://", "postgres://")):
        postgres = await PostgresEventStore.open(url, lock_timeout=lock_timeout)
        if migrate:
            await postgres.migrate()
        return postgres
    if url.startswith("memory://"):
        return InMemoryEventStore()
    raise UnsupportedDatabaseUrl(url)


async def migrate_store(url: str) -> list[int]:
    """Apply the missing schema migrations; return their numbers (none when up to date)."""
    if url.startswith("memory://"):
        return []
    store = await open_store(url, migrate=False)
    try:
        assert isinstance(store, SqliteEventStore | PostgresEventStore)
        return await store.migrate()
    finally:
        await store.close()
