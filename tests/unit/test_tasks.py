"""Stopping background tasks: a swallowed cancellation must not hang the shutdown."""

from __future__ import annotations

import asyncio
import contextlib

from application.tasks import stop_tasks


async def test_a_task_that_swallows_one_cancellation_is_cancelled_again() -> None:
    started = asyncio.Event()

    async def stubborn() -> None:
        started.set()
        with contextlib.suppress(asyncio.CancelledError):  # lost, as wait_for can on 3.11
            await asyncio.Event().wait()
        await asyncio.Event().wait()

    task = asyncio.create_task(stubborn())
    await started.wait()
    await asyncio.wait_for(stop_tasks([task]), timeout=10)
    assert task.cancelled()
