"""What the event store adapters share: append validation, version checks, metadata
encoding and the shape of a schema migration."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from application.chain import event_hash
from application.ports import ConcurrencyError, NewEvent, StreamAppend

BeforeCommit = Callable[[Sequence[StreamAppend]], Awaitable[None]]
"""A test hook: awaited with each accepted append's streams inside the transaction that
stores it (with group commit, the transaction of its whole batch), after the writes and
before the commit, while the adapter's write lock is held."""


def validate_append(streams: Sequence[StreamAppend]) -> None:
    """Reject appends that no caller should ever make (programming errors)."""
    if not any(stream.events for stream in streams):
        raise ValueError("an append needs at least one event")
    if len({stream.stream_id for stream in streams}) != len(streams):
        raise ValueError("an append names each stream at most once")
    for stream in streams:
        if stream.expected_version < 0:
            raise ValueError(f"stream {stream.stream_id}: expected_version must be >= 0")
        for offset, event in enumerate(stream.events, start=1):
            if event.version != stream.expected_version + offset:
                raise ValueError(
                    f"stream {stream.stream_id}: event {event.event_id} has version "
                    f"{event.version}, expected {stream.expected_version + offset}"
                )


def check_versions(streams: Sequence[StreamAppend], current: Mapping[UUID, int]) -> None:
    """Raise :class:`ConcurrencyError` for the first stream whose current version (0 when
    the stream does not exist) is not the one the append expects."""
    for stream in streams:
        actual = current.get(stream.stream_id, 0)
        if actual != stream.expected_version:
            raise ConcurrencyError(stream.stream_id, stream.expected_version, actual)


def chain(
    previous: bytes, position: int, stream: StreamAppend, event: NewEvent, recorded_at: datetime
) -> bytes:
    """The hash of ``event`` stored at ``position``, chained to ``previous``."""
    return event_hash(
        previous,
        position=position,
        stream_id=stream.stream_id,
        stream_type=stream.stream_type,
        version=event.version,
        event_id=event.event_id,
        type=event.type,
        payload=event.payload,
        metadata=event.metadata,
        recorded_at=recorded_at,
    )


_METADATA_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_metadata(metadata: Mapping[str, Any]) -> str:
    """Metadata as JSON object text (raises TypeError for non-JSON values)."""
    return _METADATA_ENCODER.encode(dict(metadata))


def decode_metadata(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"stored metadata is not a JSON object: {text[:80]!r}")
    return value


@dataclass(frozen=True)
class Migration:
    """One numbered schema step; its statements run in one transaction with the
    others that are missing, and its version is then recorded in schema_migrations."""

    version: int
    name: str
    statements: tuple[str, ...]


def check_migrations(migrations: Sequence[Migration]) -> None:
    versions = [migration.version for migration in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migrations must be numbered 1, 2, 3, ... without gaps: {versions}")
