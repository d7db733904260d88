"""Stopping background tasks: a swallowed cancellation must not hang the shutdown."""

from __future__ import annotations

import asyncio

from application.tasks import stop_tasks


async def test_a_task_that_swallows_one_cancellation_is_cancelled_again() -> None:
    started = asyncio.Event()

    async def stubborn() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            pass  # lost, as asyncio.wait_for can lose it on Python 3.11
        await asyncio.Event().wait()

    task = asyncio.create_task(stubborn())
    await started.wait()
    await asyncio.wait_for(stop_tasks([task]), timeout=10)
    assert task.cancelled()
