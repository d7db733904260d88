"""Stopping background tasks for sure."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import suppress
from typing import Any


async def stop_tasks(tasks: Sequence[asyncio.Task[Any]]) -> None:
    """Cancel the tasks and wait until each has ended; re-raise what one of them raised.

    A cancellation can be lost when it meets a call that finishes at the same moment
    (``asyncio.wait_for`` on Python 3.11 swallows it), so a task still running after a
    second is cancelled again rather than waited for forever.
    """
    pending = set(tasks)
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=1.0)
    for task in tasks:
        with suppress(asyncio.CancelledError):
            await task
