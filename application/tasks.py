"""Stopping background tasks for sure."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextlib import suppress
from typing import Any

from application.ports import StoreUnavailable


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


class Follower:
    """A process manager's task: ``step`` whenever there may be news, until stopped. An
    outage of the store only delays it: the next step picks up where the last ended."""

    def __init__(
        self, name: str, step: Callable[[], Awaitable[object]], news: Callable[[], Awaitable[None]]
    ) -> None:
        self.name = name
        self.step = step
        self.news = news
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._follow(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            await stop_tasks([self._task])
            self._task = None

    async def _follow(self) -> None:
        while True:
            with suppress(StoreUnavailable):
                await self.step()
            await self.news()


async def a_second() -> None:
    """The news of a follower with nothing to wait on: a second has passed."""
    await asyncio.sleep(1.0)
