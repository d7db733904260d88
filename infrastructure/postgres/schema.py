"""The PostgreSQL event store's schema, as numbered migrations. Append new steps; never
edit a step that has shipped."""

from __future__ import annotations

from infrastructure.postgres.partitioning import PARTITION_THE_LOG
from infrastructure.store_support import Migration, check_migrations

# pg_advisory_xact_lock key that serialises concurrent migrate() calls on one database.
MIGRATION_LOCK_KEY = 0x6D6F7463756100  # "motcua"

CREATE_SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""

FILL_STREAMS = "INSERT INTO streams SELECT stream_id, max(version) FROM events GROUP BY stream_id"
"""Each stream's version from the events themselves: migration 5, and whatever writes
``events`` without the store (a bulk load) runs it after."""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "events and idempotency keys",
        (
            """
            CREATE TABLE events (
                position bigint PRIMARY KEY,
                stream_id uuid NOT NULL,
                stream_type text NOT NULL,
                version integer NOT NULL CHECK (version > 0),
                event_id uuid NOT NULL UNIQUE,
                event_type text NOT NULL,
                payload bytea NOT NULL,
                metadata jsonb NOT NULL DEFAULT '{}'
                    CHECK (jsonb_typeof(metadata) = 'object'),
                recorded_at timestamptz NOT NULL DEFAULT now(),
                hash bytea NOT NULL CHECK (length(hash) = 32),
                UNIQUE (stream_id, version)
            )
            """,
            """
            CREATE TABLE idempotency_keys (
                key text PRIMARY KEY,
                fingerprint text NOT NULL,
                result bytea NOT NULL,
                position bigint NOT NULL REFERENCES events (position),
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ),
    ),
    Migration(
        2,
        "projection positions; trigram search",
        (
            """
            CREATE TABLE projection_positions (
                name text PRIMARY KEY,
                version integer NOT NULL,
                generation integer NOT NULL,
                position bigint NOT NULL,
                error text,
                updated_at text NOT NULL
            )
            """,
            # In public, not in the first schema of the search path: several schemas of
            # one database (tests, tenants) share the extension, and dropping one of them
            # must not drop it.
            "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
        ),
    ),
    Migration(
        3,
        "person keys (health records' personal data)",
        (
            """
            CREATE TABLE person_keys (
                person_id uuid PRIMARY KEY,
                wrapped_key bytea,
                created_at timestamptz NOT NULL DEFAULT now(),
                shredded_at timestamptz,
                CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
            )
            """,
        ),
    ),
    Migration(
        4, "events partitioned by month (ARCHITECTURE: the partitioned log)", PARTITION_THE_LOG
    ),
    Migration(
        5,
        "each stream's version in one row (an append's version check probed every month)",
        (
            """
            CREATE TABLE streams (
                stream_id uuid PRIMARY KEY,
                version integer NOT NULL CHECK (version > 0)
            )
            """,
            FILL_STREAMS,
        ),
    ),
)

check_migrations(MIGRATIONS)
