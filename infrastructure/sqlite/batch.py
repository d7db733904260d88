"""One group-commit batch in SQLite, run on the writer's own thread in one call.

``BEGIN IMMEDIATE`` takes the file's write lock (serialising us against other processes
too); the head, versions, keys and event ids the batch names are read with one query
each, the accepted events and keys are written with one ``executemany`` each, and
``COMMIT`` makes them durable (WAL, ``synchronous = FULL``). One thread hop per batch,
where a call per statement through aiosqlite cost one hop each.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from uuid import UUID

from application.chain import GENESIS
from application.ports import IdempotencyRecord, StoreUnavailable
from infrastructure.group_commit import (
    LockedState,
    PendingAppend,
    Plan,
    batch_event_ids,
    batch_keys,
    batch_stream_ids,
    plan_batch,
)
from infrastructure.store_support import encode_metadata

EVENT_COLUMNS = (
    "position, stream_id, stream_type, version, event_id, event_type, payload, metadata, "
    "recorded_at, hash"
)
# Primary result codes that mean "try again later", not "your SQL is wrong".
_TRANSIENT_CODES = frozenset(
    {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL}
    | {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PROTOCOL}
)
_SELECT_HEAD = "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
_SELECT_VERSIONS = (
    "SELECT stream_id, max(version) FROM events "
    "WHERE stream_id IN (SELECT value FROM json_each(?)) GROUP BY stream_id"
)
_SELECT_EVENT_IDS = "SELECT event_id FROM events WHERE event_id IN (SELECT value FROM json_each(?))"
_SELECT_KEYS = (
    "SELECT key, fingerprint, result FROM idempotency_keys "
    "WHERE key IN (SELECT value FROM json_each(?))"
)
_INSERT_EVENT = f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_KEY = "INSERT INTO idempotency_keys VALUES (?, ?, ?, ?, ?)"


@contextmanager
def unavailable_when_transient() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF in _TRANSIENT_CODES:
            raise StoreUnavailable(f"sqlite: {error}") from error
        raise


def write_batch(db: sqlite3.Connection, batch: Sequence[PendingAppend], *, commit: bool) -> Plan:
    """Judge and write the batch in one transaction; commit it too when ``commit``, else
    leave it open for :func:`finish`."""
    db.execute("BEGIN IMMEDIATE")
    try:
        plan = plan_batch(batch, _read_state(db, batch), datetime.now(UTC))
        at = plan.recorded_at.isoformat()
        db.executemany(
            _INSERT_EVENT,
            [
                (
                    r.position,
                    str(r.stream.stream_id),
                    r.stream.stream_type,
                    r.event.version,
                    str(r.event.event_id),
                    r.event.type,
                    r.event.payload,
                    encode_metadata(r.event.metadata),
                    at,
                    r.hash,
                )
                for r in plan.rows
            ],
        )
        db.executemany(
            _INSERT_KEY, [(k.key, k.fingerprint, k.result, pos, at) for k, pos in plan.keys]
        )
        if commit:
            db.execute("COMMIT")
        return plan
    except BaseException:
        finish(db, commit=False)
        raise


def finish(db: sqlite3.Connection, *, commit: bool) -> None:
    """Commit the transaction :func:`write_batch` left open, or roll it back."""
    if commit:
        try:
            db.execute("COMMIT")
        except BaseException:
            finish(db, commit=False)
            raise
    elif db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _read_state(db: sqlite3.Connection, batch: Sequence[PendingAppend]) -> LockedState:
    head = db.execute(_SELECT_HEAD).fetchone()
    streams = json.dumps([str(stream_id) for stream_id in batch_stream_ids(batch)])
    event_ids = json.dumps([str(event_id) for event_id in batch_event_ids(batch)])
    keys = batch_keys(batch)
    known_keys = db.execute(_SELECT_KEYS, (json.dumps(keys),)) if keys else ()
    return LockedState(
        last_position=head[0] if head else 0,
        last_hash=bytes(head[1]) if head else GENESIS,
        versions={UUID(row[0]): row[1] for row in db.execute(_SELECT_VERSIONS, (streams,))},
        keys={row[0]: IdempotencyRecord(*row) for row in known_keys},
        event_ids={UUID(row[0]) for row in db.execute(_SELECT_EVENT_IDS, (event_ids,))},
    )
