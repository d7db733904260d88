"""Rebuilding views from the whole log, aside, while the old ones keep answering.

Each new view is built in a generation of its own, in batches, each its own
transaction. Once it has caught up, one last transaction takes the tracking row,
applies whatever arrived meanwhile, and swaps the new view in for the old one: a
reader sees the old view or the new one, never a mix. The live runner's next
transaction then finds the position moved and continues from there.

Several views rebuild in one pass over the log: each batch is read and decoded once
and handed to every view, whose transactions run together (one waits on the database
while the next handles the batch). Projections sharing a memo (the dossier states)
compute it once for all (see :class:`projections.dossier_states.DossierStates`).

Between batches, the objects alive are frozen out of the garbage collector's sight
(``gc.freeze``): the memos hold many, long-lived, and full collections walking them
again and again took half the rebuild's time. Unfrozen at the end; left alone in a
process that already froze what it holds (the server: ``interfaces/collector.py``).
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable, Sequence
from contextlib import AsyncExitStack, aclosing, suppress
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from application.ports import RecordedEvent
from projections.ports import Binding, Projection
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
T = TypeVar("T")


@dataclass(frozen=True)
class _Rebuilding:
    binding: Binding[Any]
    projection: Projection[Any]
    generation: int

    async def aside(self, source: EventSource, batch: list[RecordedEvent]) -> None:
        async with self.binding.views.aside(self.generation) as transaction:
            await source.apply(self.projection, batch, transaction.view)

    async def swap(
        self, source: EventSource, position: int, batch: list[RecordedEvent], batch_size: int
    ) -> int:
        """Apply ``batch`` (the events after ``position``) and whatever was committed since,
        then swap the view in; return the position it is at."""
        views = self.binding.views
        async with views.swap(self.generation, self.projection.version) as transaction:
            while batch:
                await source.apply(self.projection, batch, transaction.view)
                position = batch[-1].position
                batch = await source.batch(position, batch_size)
            transaction.advance_to(position)
        return position


async def rebuild(
    bindings: Sequence[Binding[Any]],
    source: EventSource,
    *,
    batch_size: int = 2000,
    progress: ProgressCallback | None = None,
) -> dict[str, int]:
    """Rebuild the views from position 0 in one pass; return the position each was swapped
    in at."""
    name = ", ".join(binding.name for binding in bindings)
    started = time.monotonic()

    def report(done: int, total: int, finished: bool = False) -> None:
        if progress is not None:
            progress(Progress(name, done, total, time.monotonic() - started, finished))

    freezing = gc.get_freeze_count() == 0  # else the process paces the collector itself
    async with AsyncExitStack() as held:
        for binding in bindings:
            await held.enter_async_context(binding.views.rebuilding())
        views: list[_Rebuilding] = []
        try:
            for binding in bindings:
                projection = binding.new_projection()
                generation = await binding.views.begin_rebuild(projection.version)
                views.append(_Rebuilding(binding, projection, generation))
            position, total = 0, await source.head()
            report(position, total)
            async with aclosing(_read_ahead(source, batch_size)) as batches:
                async for batch in batches:
                    if len(batch) < batch_size:
                        break  # the last one: applied with the swap
                    await _each(view.aside(source, batch) for view in views)
                    position = batch[-1].position
                    total = max(total, position)
                    report(position, total)
                    if freezing:
                        gc.freeze()  # what the views keep in memory is long-lived: see above
            swapped = await _each(view.swap(source, position, batch, batch_size) for view in views)
        except BaseException:
            for view in views:
                with suppress(Exception):
                    await view.binding.views.abandon(view.generation)
            raise
        finally:
            if freezing:
                gc.unfreeze()
    position = max([position, *swapped])
    report(position, max(total, position), finished=True)
    return {view.binding.name: at for view, at in zip(views, swapped, strict=True)}


async def _read_ahead(source: EventSource, size: int) -> AsyncGenerator[list[RecordedEvent], None]:
    """The log's batches from its start, each read while the one before is applied, up to
    the first that is not full."""
    reading = asyncio.ensure_future(source.batch(0, size))
    try:
        while len(batch := await reading) == size:
            reading = asyncio.ensure_future(source.batch(batch[-1].position, size))
            yield batch
        yield batch
    finally:
        reading.cancel()


async def _each(steps: Iterable[Awaitable[T]]) -> list[T]:
    """Run one step per view together: while one view's transaction waits on the
    database, the next one's events are handled. Raise the first error, once all ended."""
    outcomes = await asyncio.gather(*steps, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return cast(list[T], outcomes)
