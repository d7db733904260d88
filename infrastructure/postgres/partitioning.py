"""The events table partitioned by month of ``recorded_at`` (UTC), and the step that
turns an unpartitioned store into one (migration 4; ARCHITECTURE "The partitioned log").

Each month is a partition named ``events_YYYY_MM``, created by :data:`ENSURE_MONTHS`:
by the migration for every month the log spans and two ahead, and by the committer,
inside its locked transaction, whenever a batch is the first of a month it has not seen.
The parent's primary key is ``(position, recorded_at)``, as PostgreSQL demands that a
partitioned table's unique keys hold the partition key; position alone stays unique
because positions are handed out under the events lock. ``(stream_id, version)`` and
``event_id`` are unique in each partition (constraints of the partition, created with
it) and across partitions by the same lock: an append checks versions and ids against
every attached partition before it writes.
"""

from __future__ import annotations

_COLUMNS = """
    position bigint NOT NULL,
    stream_id uuid NOT NULL,
    stream_type text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    payload bytea NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    hash bytea NOT NULL CHECK (length(hash) = 32)
"""
_NAMES = (
    "position, stream_id, stream_type, version, event_id, event_type, payload, "
    "metadata, recorded_at, hash"
)

MONTH_FUNCTION = """
CREATE FUNCTION events_month(at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    first timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
    name text := 'events_' || to_char(first, 'YYYY_MM');
BEGIN
    IF to_regclass(format('%I.%I', current_schema(), name)) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE %I.%I PARTITION OF %I.events '
            '(UNIQUE (stream_id, version), UNIQUE (event_id)) FOR VALUES FROM (%L) TO (%L)',
            current_schema(), name, current_schema(),
            first AT TIME ZONE 'UTC', (first + interval '1 month') AT TIME ZONE 'UTC');
    END IF;
    RETURN name;
END
$$
"""
"""``events_month(t)``: the name of the partition holding instant ``t``, created if
missing (in the current schema). A month whose partition was detached keeps its name
taken, so it is never created again empty."""

ENSURE_MONTHS = "SELECT events_month($1), events_month($1 + interval '1 month')"
"""The month of ``$1`` and the next one: run by the committer on a new month."""

PARTITION_THE_LOG: tuple[str, ...] = (
    # A key's row answers a retry by itself; its event may go to cold storage.
    "ALTER TABLE idempotency_keys DROP CONSTRAINT IF EXISTS idempotency_keys_position_fkey",
    "ALTER TABLE events RENAME TO events_unpartitioned",
    f"""
    CREATE TABLE events ({_COLUMNS},
        CONSTRAINT events_position_key PRIMARY KEY (position, recorded_at)
    ) PARTITION BY RANGE (recorded_at)
    """,
    MONTH_FUNCTION,
    """
    SELECT events_month(month AT TIME ZONE 'UTC') FROM generate_series(
        date_trunc('month', coalesce(
            (SELECT min(recorded_at) FROM events_unpartitioned), now()) AT TIME ZONE 'UTC'),
        greatest(now(), (SELECT max(recorded_at) FROM events_unpartitioned))
            AT TIME ZONE 'UTC' + interval '2 months',
        interval '1 month') AS month
    """,
    f"INSERT INTO events ({_NAMES}) SELECT {_NAMES} FROM events_unpartitioned ORDER BY position",
    "DROP TABLE events_unpartitioned",
    """
    CREATE TABLE detached_partitions (
        name text PRIMARY KEY,
        first_position bigint,
        last_position bigint,
        last_hash bytea CHECK (length(last_hash) = 32),
        events bigint NOT NULL,
        detached_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((events = 0) = (last_position IS NULL))
    )
    """,
)
"""Migration 4. It copies an existing log into its months in the migration's one
transaction: downtime grows with the log (about a minute per million events here;
docs/scale-out.md)."""
