"""The PostgreSQL log by month: old months detached to cold storage only once nothing
needs them, ``motcua verify`` anchored after it, and the step from an unpartitioned log."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import asyncpg
import pytest

from application.chain import GENESIS, stored_event_hash, verify_chain
from application.ports import StreamAppend
from infrastructure.postgres.cold_storage import DetachRefused
from infrastructure.postgres.event_store import PostgresEventStore, _to_event
from infrastructure.postgres.schema import MIGRATIONS
from interfaces.cli import main
from tests.contract.test_event_store import stream
from tests.postgres_server import execute_sql, run_sync

OCTOBER = datetime(2025, 10, 6, 3, 0, tzinfo=UTC)
BEFORE_NOVEMBER = datetime(2025, 11, 1, tzinfo=UTC)
RELKIND = "SELECT relkind::text FROM pg_class WHERE oid = 'events'::regclass"
READ_ALL = (
    "SELECT position, stream_id, stream_type, version, event_id, event_type, payload, "
    "metadata::text, recorded_at, hash FROM events ORDER BY position"
)


@pytest.fixture
async def schema(postgres_url: str) -> AsyncIterator[str]:
    name = f"cold_{datetime.now(UTC):%H%M%S%f}"
    await execute_sql(postgres_url, f"CREATE SCHEMA {name}")
    yield name
    await execute_sql(postgres_url, f"DROP SCHEMA {name} CASCADE")


@pytest.fixture
async def store(postgres_url: str, schema: str) -> AsyncIterator[PostgresEventStore]:
    opened = await PostgresEventStore.open(postgres_url, server_settings={"search_path": schema})
    await opened.migrate()
    yield opened
    await opened.close()


@pytest.fixture
async def sql(postgres_url: str, schema: str) -> AsyncIterator[Any]:
    connection = await asyncpg.connect(postgres_url, server_settings={"search_path": schema})
    yield connection
    await connection.close()


async def backdate(sql: Any, upto: int, to: datetime) -> None:
    """Move events 1..``upto`` to ``to`` (a microsecond apart) and chain every hash anew,
    as if they had been recorded then: a log that began months ago."""
    if await sql.fetchval("SELECT to_regprocedure('events_month(timestamptz)') IS NOT NULL"):
        await sql.execute("SELECT events_month($1)", to)  # not before migration 4
    await sql.execute(
        "UPDATE events SET recorded_at = $2::timestamptz + position * interval '1 microsecond' "
        "WHERE position <= $1",
        upto,
        to,
    )
    previous = GENESIS
    for row in await sql.fetch(READ_ALL):
        previous = stored_event_hash(previous, _to_event(row))
        await sql.execute("UPDATE events SET hash = $2 WHERE position = $1", row[0], previous)


async def reader_at(sql: Any, name: str, position: int) -> None:
    await sql.execute(
        "INSERT INTO projection_positions (name, version, generation, position, updated_at) "
        "VALUES ($1, 1, 1, $2, 'now') ON CONFLICT (name) DO UPDATE SET position = $2",
        name,
        position,
    )


async def october_then_now(store: PostgresEventStore, sql: Any, *late: StreamAppend) -> None:
    """Three streams of two events in October 2025, then one stream now (and ``late``)."""
    for _ in range(3):
        await store.append([stream(2)])
    await backdate(sql, 6, OCTOBER)
    await store.append([stream(2), *late])


async def test_the_log_is_partitioned_by_month(store: PostgresEventStore, sql: Any) -> None:
    await october_then_now(store, sql)
    months = {
        name: count
        for name, count in await sql.fetch(
            "SELECT tableoid::regclass::text, count(*) FROM events GROUP BY 1"
        )
    }
    assert months == {"events_2025_10": 6, f"events_{datetime.now(UTC):%Y_%m}": 2}
    assert [e.position for e in [e async for e in store.read_all(4)]] == [5, 6, 7, 8]


async def test_appends_do_not_wait_for_a_vacuum_of_an_old_month(
    postgres_url: str, schema: str, store: PostgresEventStore, sql: Any
) -> None:
    await october_then_now(store, sql)
    # What (auto)vacuum and analyse hold on the partition they work on, for minutes on a
    # big month (an anti-wraparound vacuum does not give way to waiters).
    async with sql.transaction():
        await sql.execute("LOCK TABLE events_2025_10 IN SHARE UPDATE EXCLUSIVE MODE")
        quick = await PostgresEventStore.open(
            postgres_url, lock_timeout=1.0, server_settings={"search_path": schema}
        )
        try:
            assert await quick.append([stream(1)]) == 9
        finally:
            await quick.close()


async def test_the_committer_creates_a_missing_month(
    postgres_url: str, schema: str, store: PostgresEventStore, sql: Any
) -> None:
    # As when a month begins that no migration foresaw: its partition does not exist yet.
    this_month, next_month = (
        f"events_{month:%Y_%m}"
        for month in await sql.fetchrow("SELECT now(), now() + interval '1 month'")
    )
    await sql.execute(f"DROP TABLE {this_month}, {next_month}")
    fresh = await PostgresEventStore.open(postgres_url, server_settings={"search_path": schema})
    try:
        assert await fresh.append([stream(2)]) == 2
    finally:
        await fresh.close()
    assert await sql.fetchval(f"SELECT count(*) FROM {this_month}") == 2
    assert await sql.fetchval("SELECT to_regclass($1) IS NOT NULL", next_month)


async def test_a_month_leaves_only_once_every_reader_passed_it(
    store: PostgresEventStore, sql: Any
) -> None:
    await october_then_now(store, sql)
    await reader_at(sql, "inbox", 6)
    await reader_at(sql, "webhook:1", 4)
    with pytest.raises(DetachRefused) as refused:
        await store.detach_months(BEFORE_NOVEMBER, {"statistics": 5}, ())
    assert refused.value.reasons == [
        "statistics has read up to position 5, short of 6: wait until it passes",
        "webhook:1 has read up to position 4, short of 6: wait until it passes",
    ]
    assert len([e async for e in store.read_all()]) == 8  # nothing left

    await reader_at(sql, "webhook:1", 8)
    detached = await store.detach_months(BEFORE_NOVEMBER, {"statistics": 6}, ())
    assert [(m.name, m.events, m.first, m.last) for m in detached.months] == [
        ("events_2025_10", 6, 1, 6)
    ]
    assert [e.position for e in [e async for e in store.read_all()]] == [7, 8]
    assert await sql.fetchval("SELECT count(*) FROM events_2025_10") == 6  # cold, not gone
    # Positions go on from the head; the chain from the detached month's last hash.
    assert await store.append([stream(1)]) == 9
    report = await verify_chain(store)
    assert (report.ok, report.events_checked, report.anchored_at) == (True, 3, 6)


async def test_verify_after_a_detach_still_finds_an_altered_event(
    store: PostgresEventStore, sql: Any
) -> None:
    await october_then_now(store, sql)
    await reader_at(sql, "inbox", 8)
    await store.detach_months(BEFORE_NOVEMBER, {}, ())
    cold_hash = bytes(await sql.fetchval("SELECT hash FROM events_2025_10 WHERE position = 6"))
    # A checkpoint signed for the anchor's position is held against the recorded hash.
    assert (await verify_chain(store, checkpoints={6: cold_hash})).ok
    forged = await verify_chain(store, checkpoints={6: bytes(32)})
    assert forged.problem == "the anchor at 6 differs from its signed checkpoint"
    # The first attached event chains to the recorded hash: altering it is caught.
    await sql.execute("UPDATE detached_partitions SET last_hash = $1", bytes(32))
    report = await verify_chain(store)
    assert (report.ok, report.problem, report.anchored_at) == (False, "event 7 was altered", 6)


async def test_streams_that_go_on_or_are_read_whole_keep_their_month(
    store: PostgresEventStore, sql: Any
) -> None:
    for stream_type in ("Dossier", "CalendarAnnouncements", "Dossier"):
        await store.append([stream(2, stream_type=stream_type)])
    await backdate(sql, 6, OCTOBER)
    first = (await store.read_stream((await sql.fetchval("SELECT stream_id FROM events")), 0))[0]
    going_on = stream(1, expected=2, stream_id=first.stream_id, stream_type="Dossier")
    await store.append([stream(2), going_on])
    await reader_at(sql, "inbox", 9)
    with pytest.raises(DetachRefused) as refused:
        await store.detach_months(BEFORE_NOVEMBER, {}, ("CalendarAnnouncements",))
    assert refused.value.reasons == [
        "2 event(s) of CalendarAnnouncements streams, which are read whole at every start",
        "1 Dossier stream(s) go on after position 6: their history would be cut",
    ]


async def test_the_newest_event_stays_attached(store: PostgresEventStore, sql: Any) -> None:
    await store.append([stream(2)])
    await backdate(sql, 2, OCTOBER)
    with pytest.raises(DetachRefused) as refused:
        await store.detach_months(BEFORE_NOVEMBER, {}, ())
    assert refused.value.reasons == [
        "no event after 2025-11 would stay attached: positions go on from the newest"
    ]


async def test_an_unpartitioned_log_is_migrated_into_its_months(
    postgres_url: str, schema: str, sql: Any
) -> None:
    # A store as it was before migration 4, with events of two months in it.
    await sql.execute("CREATE TABLE schema_migrations (version integer PRIMARY KEY)")
    for migration in MIGRATIONS[:3]:
        for statement in migration.statements:
            await sql.execute(statement)
        await sql.execute("INSERT INTO schema_migrations VALUES ($1)", migration.version)
    await sql.execute("ALTER TABLE schema_migrations ADD applied_at timestamptz DEFAULT now()")
    streams = [uuid4() for _ in range(4)]
    await sql.executemany(
        "INSERT INTO events (position, stream_id, stream_type, version, event_id, event_type, "
        "payload, hash) VALUES ($1, $2, 'dossier', $3, $4, 'Filed', '\\x00', $5)",
        [(n, streams[(n - 1) // 2], 2 - n % 2, uuid4(), bytes(32)) for n in range(1, 9)],
    )
    await backdate(sql, 6, OCTOBER)
    before = await sql.fetch(READ_ALL)
    assert await sql.fetchval(RELKIND) == "r"

    store = await PostgresEventStore.open(postgres_url, server_settings={"search_path": schema})
    try:
        assert await store.migrate() == [4, 5]
        assert await sql.fetch(READ_ALL) == before
        assert [await store.stream_version(s) for s in streams] == [2, 2, 2, 2]  # migration 5
        assert await sql.fetchval(RELKIND) == "p"
        assert await store.append([stream(1)]) == 9
        assert (await verify_chain(store)).events_checked == 9
    finally:
        await store.close()


async def _october_then_now_in(postgres_url: str, schema: str) -> None:
    settings = {"search_path": schema}
    store = await PostgresEventStore.open(postgres_url, server_settings=settings)
    sql = await asyncpg.connect(postgres_url, server_settings=settings)
    try:
        await store.migrate()
        await october_then_now(store, sql)
    finally:
        await sql.close()
        await store.close()


def test_motcua_log_detach_and_verify(
    postgres_url: str,
    schema: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_sync(_october_then_now_in(postgres_url, schema))
    monkeypatch.setenv("MOTCUA_DATABASE_URL", f"{postgres_url}?search_path={schema}")
    monkeypatch.setenv("MOTCUA_MASTER_KEY", base64.b64encode(bytes(range(32))).decode())
    assert main(["log", "detach", "--before", "2025-13"]) == 2
    assert "--before must be a month as YYYY-MM, not '2025-13'" in capsys.readouterr().err

    assert main(["log", "detach", "--before", "2025-11"]) == 1
    refusal = capsys.readouterr().err.splitlines()
    assert refusal[0] == "refused: the months before 2025-11 stay attached, as"
    assert "  - inbox has read up to position 0, short of 6: wait until it passes" in refusal

    # Every projection catches up (as if it ran): the month may go.
    for line in refusal[1:]:
        name = line.removeprefix("  - ").split()[0]
        insert = (
            f"INSERT INTO {schema}.projection_positions (name, version, generation, position, "
            f"updated_at) VALUES ('{name}', 1, 1, 8, 'now') "
            "ON CONFLICT (name) DO UPDATE SET position = 8"
        )
        run_sync(execute_sql(postgres_url, insert))
    assert main(["log", "detach", "--before", "2025-11"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "detached events_2025_10: 6 events, positions 1-6"
    assert main(["verify"]) == 0
    out = capsys.readouterr().out.splitlines()
    # (the App of `motcua log` recorded the unit registry at its start: events after 8)
    assert out[0].startswith("ok: ") and int(out[0].split()[1]) > 2
    assert out[1] == (
        "(events 1-6 are in cold storage: checked from the next, "
        "on the hash recorded for 6 when it was detached)"
    )
