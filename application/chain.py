"""Tamper evidence: every stored event carries a hash chaining it to the one before.

The hash covers the event's stored bytes and where it stands (position, stream,
version, ids, type, metadata, recorded time), so altering, removing or reordering
any event breaks the chain from that position on. It covers the payload as stored:
encrypting personal data, or shredding its key, leaves the chain intact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from application.ports import ColdStorage, EventStore, RecordedEvent

GENESIS = bytes(32)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_METADATA_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode


def event_hash(
    previous: bytes,
    *,
    position: int,
    stream_id: UUID,
    stream_type: str,
    version: int,
    event_id: UUID,
    type: str,
    payload: bytes,
    metadata: Mapping[str, Any],
    recorded_at: datetime,
) -> bytes:
    """SHA-256 over the previous hash and the event's fields, each length-prefixed."""
    microseconds = (recorded_at - _EPOCH) // _MICROSECOND
    parts = (
        str(position).encode(),
        str(stream_id).encode(),
        stream_type.encode(),
        str(version).encode(),
        str(event_id).encode(),
        type.encode(),
        _METADATA_JSON(metadata).encode(),
        str(microseconds).encode(),
        bytes(payload),
    )
    framed = b"".join(len(part).to_bytes(8, "big") + part for part in parts)
    return hashlib.sha256(previous + framed).digest()


def stored_event_hash(previous: bytes, recorded: RecordedEvent) -> bytes:
    """:func:`event_hash` of an event as stored."""
    return event_hash(
        previous,
        position=recorded.position,
        stream_id=recorded.stream_id,
        stream_type=recorded.stream_type,
        version=recorded.version,
        event_id=recorded.event_id,
        type=recorded.type,
        payload=recorded.payload,
        metadata=recorded.metadata,
        recorded_at=recorded.recorded_at,
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events_checked: int
    first_bad: int | None = None
    problem: str | None = None
    anchored_at: int | None = None
    """Set when events 1 to ``anchored_at`` are in cold storage: the chain was checked
    from the next one, on the hash recorded for that one when it was detached."""


async def verify_chain(
    store: EventStore, batch_size: int = 5000, checkpoints: Mapping[int, bytes] | None = None
) -> ChainReport:
    """Walk the log in position order and recompute every hash. ``checkpoints`` (position
    → the hash signed for it, see ``application/audit``) catch what the chain alone
    cannot: a log cut short before a checkpoint, or rewritten whole. A store whose
    oldest events were detached is checked from its anchor; checkpoints of detached
    events other than the anchor's cannot be checked here (their events are cold)."""
    checkpoints = checkpoints or {}
    anchor = await store.chain_anchor() if isinstance(store, ColdStorage) else None
    previous, expected = (anchor.hash, anchor.position + 1) if anchor else (GENESIS, 1)
    anchored_at = anchor.position if anchor else None
    if anchor and checkpoints.get(anchor.position, anchor.hash) != anchor.hash:
        problem = f"the anchor at {anchor.position} differs from its signed checkpoint"
        return ChainReport(False, 0, anchor.position, problem, anchored_at)
    checked = 0
    async for recorded in store.read_all(expected - 1, batch_size=batch_size):
        if recorded.position != expected:
            problem = f"event {expected} is missing"
            return ChainReport(False, checked, expected, problem, anchored_at)
        recomputed = stored_event_hash(previous, recorded)
        if recomputed != recorded.hash:
            problem = f"event {expected} was altered"
            return ChainReport(False, checked, expected, problem, anchored_at)
        signed = checkpoints.get(expected)
        if signed is not None and signed != recorded.hash:
            problem = f"event {expected} differs from its signed checkpoint"
            return ChainReport(False, checked, expected, problem, anchored_at)
        previous, expected, checked = recorded.hash, expected + 1, checked + 1
    if checkpoints and max(checkpoints) >= expected:
        problem = f"the log ends at {expected - 1}, short of the checkpoint at {max(checkpoints)}"
        return ChainReport(False, checked, expected, problem, anchored_at)
    return ChainReport(True, checked, anchored_at=anchored_at)
