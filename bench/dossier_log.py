"""A realistic dossier log, generated in the order it happened and written fast.

Dossiers of Thành phố Lào Cai and Huyện Bát Xát, filed through the aggregate and encoded
by the application's mapper (five events each: submitted and received, transferred to
the district, approved six days later, returned the day after), one filed every two
minutes (some 5,000 open at any time). The route and the tree are the three-tier ones
(the procedure's first version, the units before 1 July 2025): the shape every bench
has measured, a commune receiving and a district deciding; the 2027 dates only place
the log on a calendar. Events come out in time order with bounded
memory: a dossier's events span a week, so only those still to come are held.

Two writers: :func:`append_to_store` goes through any event store in large appends
(SQLite, the projections' tests); :func:`copy_to_postgres` computes the hash chain with
the store's own function and COPYs the rows straight into ``events`` (10⁶ events in
about a minute), for the scenarios that need a long log.

    python -m bench.dossier_log --dsn URL --schema NAME --events N   # COPY, in a child
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import itertools
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import asyncpg

from application.chain import GENESIS
from application.encoding import new_mapper
from application.ports import EventStore, NewEvent, StreamAppend
from bench.workload import EVENT_COLUMNS
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.postgres.schema import FILL_STREAMS
from infrastructure.reference_data import load_catalog, load_units
from infrastructure.store_support import chain, encode_metadata

PROCEDURE = "LC.BTXH.CTTC"  # commune receives, district processes and decides
THREE_TIER = 1  # the procedure's version with that route (two-tier: the commune alone)
NAMES = ("Nguyễn Thị Mai", "Lò Văn Sáng", "Giàng A Páo", "Đặng Thu Hà", "Vàng Thị Mỷ")
EVENTS_PER_DOSSIER = 5
START = datetime(2027, 1, 4, 1, 30, tzinfo=UTC)  # a Monday, 08:30 in Hà Nội
FILED_EVERY = timedelta(minutes=2)
STREAM_TYPE = "Dossier"
ENSURE_SPAN = (
    "SELECT events_month(month AT TIME ZONE 'UTC') FROM generate_series(date_trunc('month', "
    "$1::timestamptz AT TIME ZONE 'UTC'), $2::timestamptz AT TIME ZONE 'UTC', '1 month') month"
)
"""Creates the partitions of the months from ``$1`` to ``$2`` (UTC months)."""


def lives(count: int, *, open_every: int = 0) -> Iterator[tuple[datetime, Any]]:
    """The events of ``count`` dossiers, dossier after dossier, with their instants.
    ``open_every``: every ``open_every``-th life (1: each one) stops after its first one,
    two or three events (submitted, received, transferred: in some inbox), in turn."""
    units, procedure = load_units(), load_catalog().version(PROCEDURE, THREE_TIER)
    calendar = vietnam_calendar(range(2026, 2030))
    communes = [u.code for u in units if u.parent in ("080", "082")]
    for n in range(count):
        commune = communes[n % len(communes)]
        district = units.get(commune).parent
        assert district is not None
        filed = START + FILED_EVERY * n
        clerk = Actor(f"clerk@{commune}", Role.CLERK, commune)
        leader = Actor(f"leader@{district}", Role.LEADER, district)
        dossier = Dossier.submit(
            code=f"{commune}-{filed:%y%m%d}-{n:06d}",
            procedure=procedure,
            applicant=Applicant(NAMES[n % len(NAMES)], f"{n:012d}", "0912000000"),
            documents=(Document("Đơn đề nghị"),),
            channel=Channel.DESK,
            receiving_unit=commune,
            secret_hash="0" * 64,
            actor=clerk,
            at=filed,
        )
        dossier.receive(clerk, filed, calendar)
        dossier.transfer(district, "đề nghị xét duyệt", units, clerk, filed + timedelta(hours=1))
        dossier.approve({"so": f"{n}/QĐ"}, None, leader, filed + timedelta(days=6))
        dossier.return_result(Channel.DESK, clerk, filed + timedelta(days=7))
        events = dossier.collect_events()
        still_open = open_every and n % open_every == 0
        for event in events[: 1 + n // max(open_every, 1) % 3] if still_open else events:
            yield event.timestamp, event


def in_order(dossiers: int, open_every: int = 0) -> Iterator[Any]:
    """The domain events of ``dossiers`` in the order they happened (ties in the order
    they were made). Every later dossier's events come at or after its filing,
    so whatever happened before the newest filing can go out."""
    waiting: list[tuple[datetime, int, Any]] = []
    sequence = itertools.count()
    for at, event in lives(dossiers, open_every=open_every):
        if event.originator_version == 1:
            while waiting and waiting[0][0] < at:
                yield heapq.heappop(waiting)[2]
        heapq.heappush(waiting, (at, next(sequence), event))
    while waiting:
        yield heapq.heappop(waiting)[2]


def new_events(dossiers: int, open_every: int = 0) -> Iterator[tuple[UUID, datetime, NewEvent]]:
    """Each event as the repository would append it: (stream id, instant, new event)."""
    mapper = new_mapper()
    for event in in_order(dossiers, open_every):
        stored = mapper.to_stored_event(event)
        actor = event.actor
        meta = {
            "actor": {"sub": actor.sub, "role": actor.role.value, "unit": actor.unit},
            "correlation_id": "bench",
        }
        new = NewEvent(uuid4(), stored.originator_version, stored.topic, stored.state, meta)
        yield event.originator_id, event.timestamp, new


async def append_to_store(store: EventStore, dossiers: int, batch: int = 5000) -> None:
    """Appends of about ``batch`` events, each stream's events of an append together."""
    stream = new_events(dossiers)
    while chunk := list(itertools.islice(stream, batch)):
        streams: dict[UUID, list[NewEvent]] = {}
        for stream_id, _, new in chunk:
            streams.setdefault(stream_id, []).append(new)
        await store.append(
            [StreamAppend(id, STREAM_TYPE, new[0].version - 1, new) for id, new in streams.items()]
        )


def chained_rows(dossiers: int, open_every: int = 0) -> Iterator[tuple[object, ...]]:
    """Rows of the dossiers' events (see :data:`EVENT_COLUMNS`), hash-chained from the
    genesis, each recorded when it happened."""
    previous, rows = GENESIS, new_events(dossiers, open_every)
    for position, (stream_id, recorded_at, new) in enumerate(rows, start=1):
        stream = StreamAppend(stream_id, STREAM_TYPE, new.version - 1, [new])
        previous = chain(previous, position, stream, new, recorded_at)
        metadata = encode_metadata(new.metadata)
        yield (position, stream_id, STREAM_TYPE, new.version, new.event_id, new.type,
               new.payload, metadata, recorded_at, previous)  # fmt: skip


async def copy_to_postgres(
    connection: Any, dossiers: int, *, open_every: int = 0, chunk: int = 50_000
) -> None:
    """COPY the dossiers' events into the connection's (empty, migrated) ``events``
    table and their streams' versions into ``streams`` (what an append checks), then
    VACUUM ANALYZE it, as a restored database would be."""
    last = START + FILED_EVERY * dossiers + timedelta(days=8)  # the last life's last event
    await connection.execute(ENSURE_SPAN, START, last)  # the log's months, partitions first
    rows = chained_rows(dossiers, open_every)
    while part := list(itertools.islice(rows, chunk)):
        await connection.copy_records_to_table("events", records=part, columns=EVENT_COLUMNS)
    await connection.execute(FILL_STREAMS)
    await connection.execute("VACUUM ANALYZE events")


async def _main(dsn: str, schema: str, events: int) -> None:
    connection = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        started = time.perf_counter()
        await copy_to_postgres(connection, events // EVENTS_PER_DOSSIER)
        print(json.dumps({"events": events, "seconds": time.perf_counter() - started}))
    finally:
        await connection.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--schema", required=True, help="a migrated schema with no events")
    parser.add_argument("--events", type=int, required=True)
    arguments = parser.parse_args()
    asyncio.run(_main(arguments.dsn, arguments.schema, arguments.events))
