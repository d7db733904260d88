"""One group-commit batch in SQLite, run on the writer's own thread in one call.

``BEGIN IMMEDIATE`` takes the file's write lock (serialising us against other processes
too); the head, versions, keys and event ids the batch names are read with one query
each, the accepted events and keys are written with one ``executemany`` each, and
``COMMIT`` makes them durable (WAL, ``synchronous = FULL``). One thread hop per batch,
where a call per statement through aiosqlite cost one hop each.

Most batches name only new streams, fresh event ids and unused keys, so the batch is
first judged on the head and the versions of the streams it expects to exist alone,
the rest taken as new. The table's unique indexes (stream and version, event id, key)
refuse whatever that guess got wrong; the batch is then rolled back and judged again on
everything it names, as before. Either way an append is only ever written on a
complete judgement: the guess never accepts what the full one would refuse.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
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
    try:
        return _write(db, batch, _read_guess, commit=commit)
    except sqlite3.IntegrityError:
        return _write(db, batch, _read_state, commit=commit)


def _write(
    db: sqlite3.Connection,
    batch: Sequence[PendingAppend],
    read: Callable[[sqlite3.Connection, Sequence[PendingAppend]], LockedState],
    *,
    commit: bool,
) -> Plan:
    db.execute("BEGIN IMMEDIATE")
    try:
        plan = plan_batch(batch, read(db, batch), datetime.now(UTC))
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


def _read_guess(db: sqlite3.Connection, batch: Sequence[PendingAppend]) -> LockedState:
    """The head and the versions of the streams the batch expects to exist; every other
    stream, key and event id taken as new (the unique indexes check that guess)."""
    existing = {s.stream_id for p in batch for s in p.streams if s.expected_version}
    return _locked_state(db, existing, [], [])


def _read_state(db: sqlite3.Connection, batch: Sequence[PendingAppend]) -> LockedState:
    return _locked_state(db, batch_stream_ids(batch), batch_event_ids(batch), batch_keys(batch))


def _locked_state(
    db: sqlite3.Connection,
    stream_ids: Collection[UUID],
    event_ids: Collection[UUID],
    keys: Collection[str],
) -> LockedState:
    head = db.execute(_SELECT_HEAD).fetchone()
    streams = json.dumps([str(stream_id) for stream_id in stream_ids])
    ids = json.dumps([str(event_id) for event_id in event_ids])
    known_keys = db.execute(_SELECT_KEYS, (json.dumps(list(keys)),)) if keys else ()
    versions = db.execute(_SELECT_VERSIONS, (streams,)) if stream_ids else ()
    known_ids = db.execute(_SELECT_EVENT_IDS, (ids,)) if event_ids else ()
    return LockedState(
        last_position=head[0] if head else 0,
        last_hash=bytes(head[1]) if head else GENESIS,
        versions={UUID(row[0]): row[1] for row in versions},
        keys={row[0]: IdempotencyRecord(*row) for row in known_keys},
        event_ids={UUID(row[0]) for row in known_ids},
    )
