"""``motcua log detach --before YYYY-MM``: the log's oldest months out to cold storage
(PostgreSQL only; infrastructure/postgres/cold_storage.py says when a month may go)."""

from __future__ import annotations

import sys

from application.repository import stream_type_of
from domain.clock.announcements import CalendarAnnouncements
from domain.subscriptions.subscription import Subscription
from domain.units.registry import UnitRegistry
from infrastructure.postgres.cold_storage import DetachRefused, month_start
from infrastructure.postgres.event_store import PostgresEventStore
from interfaces.bootstrap import App

READ_WHOLE_AT_START = tuple(
    stream_type_of(kind) for kind in (CalendarAnnouncements, UnitRegistry, Subscription)
)
"""Streams the server reads from their first event at every start: never detached."""


async def detach_log(app: App, before_text: str) -> int:
    if not isinstance(app.store, PostgresEventStore):
        print("motcua: only a PostgreSQL log is partitioned by month", file=sys.stderr)
        return 2
    try:
        before = month_start(before_text)
    except ValueError as wrong:
        print(f"motcua: {wrong}", file=sys.stderr)
        return 2
    readers = {status.name: status.position for status in await app.projections.status()}
    try:
        detached = await app.store.detach_months(before, readers, READ_WHOLE_AT_START)
    except DetachRefused as refused:
        print(f"refused: the months before {before_text} stay attached, as", file=sys.stderr)
        for reason in refused.reasons:
            print(f"  - {reason}", file=sys.stderr)
        return 1
    if not detached.months:
        print(f"no attached month before {before_text}")
        return 0
    for month in detached.months:
        span = f"positions {month.first}-{month.last}" if month.events else "empty"
        print(f"detached {month.name}: {month.events} events, {span}")
    names = " ".join(f"-t {month.name}" for month in detached.months)
    print(
        f"motcua verify now starts after position {detached.last_position}, on its recorded hash."
        f"\nTo cold storage: pg_dump {names} DATABASE > FILE; then DROP TABLE each."
    )
    return 0
