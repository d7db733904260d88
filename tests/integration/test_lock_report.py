"""The convergence check's lock report names the blocked session and its blocker."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from tests.reliability.lock_report import reporting_locks


async def test_a_failure_says_who_waited_on_whose_lock(postgres_url: str) -> None:
    holder = await asyncpg.connect(postgres_url, server_settings={"application_name": "holder"})
    waiter = await asyncpg.connect(postgres_url)
    try:
        await holder.execute("CREATE TABLE IF NOT EXISTS lock_report_probe (n int)")
        await holder.execute("BEGIN; LOCK TABLE lock_report_probe IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(AssertionError) as failed:
            async with reporting_locks(postgres_url, after=0.3):
                async with asyncio.timeout(3.0):  # the snapshot, at 0.3 s, well inside
                    await waiter.execute("SELECT count(*) FROM lock_report_probe")
        assert "'holder'" in str(failed.value)
        assert "LOCK TABLE lock_report_probe" in str(failed.value)
    finally:
        await holder.execute("ROLLBACK")
        await waiter.close()
        await holder.close()


async def test_a_block_that_ends_well_reports_nothing(postgres_url: str) -> None:
    async with reporting_locks(postgres_url, after=0.05):
        await asyncio.sleep(0.1)  # the snapshot is taken, and dropped
