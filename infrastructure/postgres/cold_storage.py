"""Detaching the oldest months of the log for cold storage, and what stays behind.

A month may leave only when nothing will need its events from the database again:
every reader of the log (projections, relays, web hooks: ``projection_positions``, and
the positions the caller hands in, for views kept in another database) has passed its
last event; no stream with events in it goes on in a later month (a stream's history
would be cut); the newest event stays attached (the next position follows it); it
holds no event of a stream the server reads whole at each start
(named by the caller); and its positions all come before the months that stay (the
clock never went back across the cut). The checks run without a lock; the detach then
takes the events table's lock and looks again at what was appended meanwhile.

Each detached month is recorded in ``detached_partitions`` with its last event's hash,
on which :func:`application.chain.verify_chain` anchors the attached log. The detached
table stays in the database, out of the log, until the operator dumps and drops it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_MONTH = re.compile(r"^events_(\d{4})_(\d{2})$")
_ATTACHED = """
SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'events'::regclass ORDER BY c.relname
"""
_SPAN = "SELECT count(*), min(position), max(position) FROM {}"
_LAST_HASH = "SELECT hash FROM events WHERE position = $1"
_AFTER = "SELECT min(position) FROM events WHERE recorded_at >= $1"
_LAGGING = """
SELECT name, position FROM projection_positions WHERE position < $1 ORDER BY name
"""
_KEPT = """
SELECT stream_type, count(*) FROM events
WHERE recorded_at < $1 AND stream_type = ANY($2::text[]) GROUP BY 1 ORDER BY 1
"""
_GOING_ON = """
SELECT o.stream_type, count(DISTINCT o.stream_id) FROM events o
WHERE o.recorded_at < $1
  AND EXISTS (SELECT 1 FROM events n WHERE n.stream_id = o.stream_id AND n.position > $2)
GROUP BY 1 ORDER BY 1
"""
_WENT_ON = """
SELECT DISTINCT n.stream_type FROM events n
WHERE n.position > $2
  AND EXISTS (SELECT 1 FROM events o WHERE o.stream_id = n.stream_id AND o.recorded_at < $1)
"""
_RECORD = """
INSERT INTO detached_partitions (name, first_position, last_position, last_hash, events)
VALUES ($1, $2, $3, $4, $5)
"""


class DetachRefused(Exception):
    """Why the months asked for cannot leave the database yet, one reason a line."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Month:
    name: str
    events: int
    first: int | None
    last: int | None


@dataclass(frozen=True)
class Detached:
    months: list[Month]
    last_position: int


def month_start(text: str) -> datetime:
    """``2025-01`` → 2025-01-01T00:00Z (the partitions' months are UTC months)."""
    try:
        return datetime.strptime(text, "%Y-%m").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"--before must be a month as YYYY-MM, not {text!r}") from None


async def attached_months(conn: Any, before: datetime) -> list[Month]:
    months = []
    for (name,) in await conn.fetch(_ATTACHED):
        found = _MONTH.match(name)
        if found and datetime(int(found[1]), int(found[2]), 1, tzinfo=UTC) < before:
            count, first, last = await conn.fetchrow(_SPAN.format(_quoted(name)))
            months.append(Month(name, count, first, last))
    return months


async def check_detach(
    conn: Any,
    before: datetime,
    months: list[Month],
    readers: Mapping[str, int],
    kept_types: Collection[str],
) -> int:
    """The last position the months hold (0 when empty), or :class:`DetachRefused`."""
    last = max((m.last for m in months if m.last is not None), default=0)
    if not last:
        return 0
    reasons: list[str] = []
    after = await conn.fetchval(_AFTER, before)
    if after is None:
        reasons.append(
            f"no event after {before:%Y-%m} would stay attached: positions go on from the newest"
        )
    elif after != last + 1:
        reasons.append(
            f"the months before {before:%Y-%m} end at position {last} but the next month "
            f"starts at {after}: their positions interleave (the clock went back?)"
        )
    recorded = await conn.fetchval("SELECT to_regclass('projection_positions') IS NOT NULL")
    lagging = dict(await conn.fetch(_LAGGING, last) if recorded else []) | {
        name: position for name, position in readers.items() if position < last
    }
    reasons += [
        f"{name} has read up to position {position}, short of {last}: wait until it passes"
        for name, position in sorted(lagging.items())
    ]
    reasons += [
        f"{count} event(s) of {kind} streams, which are read whole at every start"
        for kind, count in await conn.fetch(_KEPT, before, list(kept_types))
    ]
    reasons += [
        f"{count} {kind} stream(s) go on after position {last}: their history would be cut"
        for kind, count in await conn.fetch(_GOING_ON, before, last)
    ]
    if reasons:
        raise DetachRefused(reasons)
    return last


async def detach(conn: Any, before: datetime, months: list[Month], checked_head: int) -> Detached:
    """In ``conn``'s transaction: lock the log, check the appends since the checks
    (``checked_head``) went on no detached stream, record and detach each month."""
    await conn.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
    last = max((m.last for m in months if m.last is not None), default=0)
    went_on = await conn.fetch(_WENT_ON, before, max(last, checked_head))
    if went_on:
        raise DetachRefused(
            [f"a {kind} stream went on meanwhile; try again" for (kind,) in went_on]
        )
    for month in months:
        last_hash = None
        if month.last is not None:
            last_hash = bytes(await conn.fetchval(_LAST_HASH, month.last))
        await conn.execute(_RECORD, month.name, month.first, month.last, last_hash, month.events)
        await conn.execute(f"ALTER TABLE events DETACH PARTITION {_quoted(month.name)}")
    return Detached(months, last)


def _quoted(name: str) -> str:
    if not _MONTH.match(name):
        raise ValueError(f"not a month's partition: {name!r}")
    return f'"{name}"'
