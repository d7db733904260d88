"""Rebuilding a view from the whole log, aside, while the old one keeps answering.

The new view is built in a generation of its own, in batches, each its own
transaction. Once it has caught up, one last transaction takes the tracking row,
applies whatever arrived meanwhile, and swaps the new view in for the old one: a
reader sees the old view or the new one, never a mix. The live runner's next
transaction then finds the position moved and continues from there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from projections.ports import Binding, W
from projections.source import EventSource


@dataclass(frozen=True)
class Progress:
    name: str
    done: int
    """Events read so far (positions)."""
    total: int
    seconds: float
    finished: bool = False

    @property
    def rate(self) -> float:
        """Events per second."""
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if self.finished:
            return 0.0
        return (self.total - self.done) / self.rate if self.rate > 0 else None


ProgressCallback = Callable[[Progress], None]


async def rebuild(
    binding: Binding[W],
    source: EventSource,
    *,
    batch_size: int = 2000,
    progress: ProgressCallback | None = None,
) -> int:
    """Rebuild the view from position 0; return the position it was swapped in at."""
    views, projection = binding.views, binding.new_projection()
    started = time.monotonic()

    def report(done: int, total: int, finished: bool = False) -> None:
        if progress is not None:
            progress(Progress(binding.name, done, total, time.monotonic() - started, finished))

    async with views.rebuilding():
        generation = await views.begin_rebuild(projection.version)
        try:
            position, total = 0, await source.head()
            report(position, total)
            while len(batch := await source.batch(position, batch_size)) == batch_size:
                async with views.aside(generation) as transaction:
                    await source.apply(projection, batch, transaction.view)
                position = batch[-1].position
                total = max(total, position)
                report(position, total)
            async with views.swap(generation, projection.version) as transaction:
                while batch:
                    await source.apply(projection, batch, transaction.view)
                    position = batch[-1].position
                    batch = await source.batch(position, batch_size)
                transaction.advance_to(position)
        except BaseException:
            with suppress(Exception):
                await views.abandon(generation)
            raise
    report(position, max(total, position), finished=True)
    return position
