"""Our asyncpg pools hand a released connection on as it is: no reset round trip
(``infrastructure/postgres/pooling.py``), yet an unfinished transaction never survives."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from infrastructure.postgres.pooling import pool_arguments


@pytest.fixture
async def pool(postgres_url: str) -> AsyncIterator[asyncpg.Pool]:
    """One connection, so the second acquire gets the connection the first released."""
    pool = await asyncpg.create_pool(
        postgres_url, min_size=1, max_size=1, **pool_arguments({}, pooled=False)
    )
    yield pool
    await pool.close()


async def test_a_released_connection_is_not_reset_with_a_query(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as connection:
        # A session setting, as only a reset query (RESET ALL) would undo it.
        await connection.execute("SELECT set_config('application_name', 'kept', false)")
    async with pool.acquire() as connection:
        assert await connection.fetchval("SHOW application_name") == "kept"


async def test_a_transaction_left_open_is_rolled_back_on_release(pool: asyncpg.Pool) -> None:
    async with pool.acquire() as connection:
        await connection.execute("BEGIN")
        await connection.execute("CREATE TABLE pool_left_open (n int)")
    async with pool.acquire() as connection:
        assert await connection.fetchval("SELECT to_regclass('pool_left_open')") is None
        assert not connection.is_in_transaction()
