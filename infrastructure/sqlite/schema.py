"""The SQLite event store's schema, as numbered migrations. Append new steps; never
edit a step that has shipped."""

from __future__ import annotations

from infrastructure.store_support import Migration, check_migrations

CREATE_SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
) STRICT
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "events and idempotency keys",
        (
            """
            CREATE TABLE events (
                position INTEGER PRIMARY KEY,
                stream_id TEXT NOT NULL,
                stream_type TEXT NOT NULL,
                version INTEGER NOT NULL CHECK (version > 0),
                event_id TEXT NOT NULL UNIQUE,
                event_type TEXT NOT NULL,
                payload BLOB NOT NULL,
                metadata TEXT NOT NULL CHECK (json_type(metadata) = 'object'),
                recorded_at TEXT NOT NULL,
                hash BLOB NOT NULL CHECK (length(hash) = 32),
                UNIQUE (stream_id, version)
            ) STRICT
            """,
            """
            CREATE TABLE idempotency_keys (
                key TEXT PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                result BLOB NOT NULL,
                position INTEGER NOT NULL REFERENCES events (position),
                created_at TEXT NOT NULL
            ) STRICT
            """,
        ),
    ),
    Migration(
        2,
        "projection positions",
        (
            """
            CREATE TABLE projection_positions (
                name TEXT PRIMARY KEY,
                version INTEGER NOT NULL,
                generation INTEGER NOT NULL,
                position INTEGER NOT NULL,
                error TEXT,
                updated_at TEXT NOT NULL
            ) STRICT
            """,
        ),
    ),
    Migration(
        3,
        "person keys (health records' personal data)",
        (
            """
            CREATE TABLE person_keys (
                person_id TEXT PRIMARY KEY,
                wrapped_key BLOB,
                created_at TEXT NOT NULL,
                shredded_at TEXT,
                CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
            ) STRICT
            """,
        ),
    ),
)

check_migrations(MIGRATIONS)
