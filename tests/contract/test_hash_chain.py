"""Tamper evidence: the stores chain every event's hash; verification finds the first break."""

from __future__ import annotations

import sqlite3

import pytest

from application.chain import verify_chain
from tests.contract.conftest import Storage
from tests.contract.test_event_store import SQL_ONLY, ContractStore, stream
from tests.postgres_server import execute_sql, run_sync

ALTER_ONE_BYTE = {
    "sqlite": "UPDATE events SET payload = CAST(X'01' || substr(payload, 2) AS BLOB) "
    "WHERE position = 4",
    "postgres": "UPDATE events SET payload = overlay(payload placing '\\x01'::bytea from 1 for 1) "
    "WHERE position = 4",
}
DELETE_ONE = "DELETE FROM events WHERE position = 5"
SWAP_TWO = (
    "UPDATE events SET position = -position WHERE position IN (3, 4);"
    "UPDATE events SET position = CASE position WHEN -3 THEN 4 ELSE 3 END WHERE position < 0"
)


def tamper(storage: Storage, sql: str) -> None:
    """Change the stored rows behind the store's back, as an intruder with SQL access would."""
    if storage.sqlite_path is not None:
        with sqlite3.connect(storage.sqlite_path) as raw:
            raw.executescript(sql)
        return
    assert storage.postgres_url is not None
    run_sync(
        execute_sql(storage.postgres_url, f"SET search_path TO {storage.postgres_schema};{sql}")
    )


async def test_an_untouched_log_verifies(store: ContractStore) -> None:
    for _ in range(4):
        await store.append([stream(3)])
    report = await verify_chain(store, batch_size=5)
    assert report.ok and report.events_checked == 12 and report.first_bad is None


async def test_each_event_hash_depends_on_the_one_before(store: ContractStore) -> None:
    await store.append([stream(2)])
    first, second = [e async for e in store.read_all()]
    assert len(first.hash) == 32 and first.hash != second.hash


@SQL_ONLY
@pytest.mark.parametrize(("change", "first_bad"), [("alter", 4), ("delete", 5), ("swap", 3)])
async def test_tampering_is_found_at_its_position(
    storage: Storage, store: ContractStore, change: str, first_bad: int
) -> None:
    for _ in range(4):
        await store.append([stream(2)])
    sql = {"alter": ALTER_ONE_BYTE[storage.backend], "delete": DELETE_ONE, "swap": SWAP_TWO}
    tamper(storage, sql[change])
    report = await verify_chain(store)
    assert not report.ok
    assert report.first_bad == first_bad
    assert report.events_checked == first_bad - 1
