"""The projection runner on every backend: each event reaches the view exactly once,
whatever happens to the runner, and a poisonous event stops it, never skipped."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import replace

import pytest

from application.ports import RecordedEvent
from projections.ports import Binding, PositionMoved
from projections.rebuild import Progress, rebuild
from projections.runner import ProjectionFailed, ProjectionRunner, State
from projections.source import EventSource
from tests.contract.projections.conftest import FAST, Backend, BackendOpener, raw_source
from tests.contract.projections.counting import BeforeCount, CountingProjection, CountingView
from tests.contract.test_event_store import ContractStore, StoreOpener, stream


def runner_on(
    backend: Backend, source: EventSource, before: BeforeCount | None = None
) -> ProjectionRunner[CountingView]:
    binding: Binding[CountingView] = Binding(lambda: CountingProjection(before), backend.counting)
    return ProjectionRunner(binding, source, backend.views.wakeups, FAST)


def start(runner: ProjectionRunner[CountingView]) -> asyncio.Task[None]:
    return asyncio.create_task(runner.run())


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task


def once_each(last: int, first: int = 1) -> dict[int, int]:
    return dict.fromkeys(range(first, last + 1), 1)


async def test_a_runner_killed_mid_batch_resumes_without_applying_anything_twice(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    for _ in range(3):
        await store.append([stream(10)])
    backend, reached, never = await open_backend(), asyncio.Event(), asyncio.Event()

    async def stall_at_15(position: int) -> None:
        if position == 15:
            reached.set()
            await never.wait()

    # The runner commits events 1-10, then dies inside the transaction of 11-20.
    task = start(runner_on(backend, raw_source(store), stall_at_15))
    await reached.wait()
    await stop(task)
    assert await backend.counts() == once_each(10)
    tracking = await backend.counting.tracking()
    assert tracking is not None and tracking.position == 10
    # Another runner (another process, where there can be one) takes over from 10.
    again = await open_backend()
    runner = runner_on(again, raw_source(store))
    task = start(runner)
    await runner.wait_for(30)
    await stop(task)
    assert await again.counts() == once_each(30)


async def test_a_write_that_fails_once_is_retried_and_applied_once(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await store.append([stream(30)])
    backend, failures = await open_backend(), {25}

    async def fail_once(position: int) -> None:
        if position in failures:
            failures.discard(position)
            raise RuntimeError("the disk hiccupped")

    runner = runner_on(backend, raw_source(store), fail_once)
    task = start(runner)
    await runner.wait_for(30)
    await stop(task)
    assert not failures and await backend.counts() == once_each(30)
    assert runner.last_error is None


async def test_an_event_that_keeps_failing_stops_the_runner_just_before_it(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await store.append([stream(12)])
    backend = await open_backend()

    async def poison_at_7(position: int) -> None:
        if position == 7:
            raise ValueError("cannot project this")

    runner = runner_on(backend, raw_source(store), poison_at_7)
    await asyncio.wait_for(start(runner), 10)  # it ends by itself
    assert runner.state == State.FAILED and runner.position == 6
    assert runner.last_error is not None and "event 7: ValueError" in runner.last_error
    with pytest.raises(ProjectionFailed):
        await runner.wait_for(12)
    assert await backend.counts() == once_each(6)
    tracking = await backend.counting.tracking()
    assert tracking is not None and tracking.position == 6 and "event 7" in str(tracking.error)
    # Once the projection is fixed, a new runner resumes at the failed event.
    fixed = runner_on(backend, raw_source(store))
    task = start(fixed)
    await fixed.wait_for(12)
    await stop(task)
    assert await backend.counts() == once_each(12)
    assert (await backend.counting.tracking()).error is None  # type: ignore[union-attr]


class CountingReads(EventSource):
    """Signals once the runner has read the log ``target`` times since ``arm``."""

    def arm(self, target: int) -> asyncio.Event:
        self.remaining, self.done = target, asyncio.Event()
        return self.done

    async def batch(self, after: int, size: int) -> list[RecordedEvent]:
        events = await super().batch(after, size)
        if hasattr(self, "done"):
            self.remaining -= 1
            if self.remaining <= 0:
                self.done.set()
        return events


async def test_an_append_committing_after_a_later_one_started_is_not_lost(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await store.append([stream(2)])
    backend, source = await open_backend(), CountingReads(store, lambda recorded: recorded)
    runner = runner_on(backend, source)
    task = start(runner)
    await runner.wait_for(2)
    held, release = asyncio.Event(), asyncio.Event()

    async def hold_the_first(_: object) -> None:
        if not held.is_set():
            held.set()
            await release.wait()

    # A slow append holds its transaction open; a later one starts behind it.
    store.before_commit = hold_the_first
    slow = asyncio.create_task(store.append([stream(3)]))
    await held.wait()
    fast = asyncio.create_task(store.append([stream(2)]))
    await source.arm(3).wait()  # the runner keeps reading meanwhile
    assert runner.position == 2
    release.set()
    await asyncio.gather(slow, fast)
    await runner.wait_for(await store.last_position())
    await stop(task)
    assert await backend.counts() == once_each(7)


async def test_only_one_runner_of_a_projection_is_active(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    first, second = await open_backend(), await open_backend()
    runners = [runner_on(first, raw_source(store)), runner_on(second, raw_source(store))]
    tasks = [start(runner) for runner in runners]
    waits = [asyncio.create_task(r.wait_for_state(State.LIVE)) for r in runners]
    await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    active, standby = runners if runners[0].state == State.LIVE else runners[::-1]
    await standby.wait_for_state(State.STANDBY)
    await store.append([stream(20)])
    await active.wait_for(20)
    await standby.wait_for(20)  # it follows the committed position
    assert standby.state == State.STANDBY
    assert await first.counts() == once_each(20)
    # The active one stops: the other takes over.
    await stop(tasks[runners.index(active)])
    await standby.wait_for_state(State.LIVE)
    await store.append([stream(10)])
    await standby.wait_for(30)
    for task in (*tasks, *waits):
        await stop(task)
    assert await second.counts() == once_each(30)


async def test_rebuilding_under_load_while_the_runner_is_live_loses_nothing(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await store.append([stream(25)])
    backend = await open_backend()
    runner = runner_on(backend, raw_source(store))
    task = start(runner)
    await runner.wait_for(25)

    async def keep_appending() -> None:
        for _ in range(15):
            await store.append([stream(2)])
            await asyncio.sleep(0)

    progress: list[Progress] = []
    binding: Binding[CountingView] = Binding(CountingProjection, backend.counting)
    load = asyncio.create_task(keep_appending())
    rebuilt = await rebuild([binding], raw_source(store), batch_size=10, progress=progress.append)
    swapped = rebuilt[binding.name]
    await load
    await runner.wait_for(55)
    await stop(task)
    assert await backend.counts() == once_each(55)
    assert 25 <= swapped <= 55
    assert progress[-1].finished and progress[-1].done == swapped
    tracking = await backend.counting.tracking()
    assert tracking is not None and tracking.generation == 1 and tracking.position == 55


async def test_a_transaction_from_a_stale_position_writes_nothing(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    backend = await open_backend()
    await backend.counting.create(1)
    async with backend.counting.lease() as lease:
        assert lease is not None
        with pytest.raises(PositionMoved) as moved:
            async with lease.transaction(expected_position=5) as transaction:
                await transaction.view.count(6)
    assert moved.value.actual == 0 and await backend.counts() == {}


@pytest.mark.parametrize("storage", ["memory"], indirect=True)
async def test_the_runner_status_shows_position_and_lag(
    open_store: StoreOpener, open_backend: BackendOpener
) -> None:
    store, backend = await open_store(), await open_backend()
    await store.append([stream(5)])
    runner = runner_on(backend, raw_source(store))
    assert runner.status(head=5).lag == 5 and runner.status(5).state == State.STOPPED
    task = start(runner)
    await runner.wait_for(5)
    status = runner.status(head=await store.last_position())
    await stop(task)
    assert (status.position, status.lag, status.state) == (5, 0, State.LIVE)


class CountingAgain(CountingProjection):
    """The same projection, its view's meaning changed: version 2."""

    version = 2


async def test_a_new_version_is_rebuilt_aside_and_swapped_in(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    await store.append([stream(12)])
    backend = await open_backend()
    first = runner_on(backend, raw_source(store))
    task = start(first)
    await first.wait_for(12)
    await stop(task)
    binding: Binding[CountingView] = Binding(CountingAgain, backend.counting)
    second = ProjectionRunner(binding, raw_source(store), backend.views.wakeups, FAST)
    task = start(second)
    await second.wait_for_state(State.LIVE)
    await stop(task)
    tracking = await backend.counting.tracking()
    assert tracking is not None and (tracking.version, tracking.generation) == (2, 1)
    assert await backend.counts() == once_each(12)


@pytest.mark.parametrize("storage", ["postgres"], indirect=True)
async def test_on_postgres_a_notification_wakes_the_runner_before_its_next_poll(
    store: ContractStore, open_backend: BackendOpener
) -> None:
    backend = await open_backend()
    binding: Binding[CountingView] = Binding(CountingProjection, backend.counting)
    patient = replace(FAST, poll_seconds=60.0)
    runner = ProjectionRunner(binding, raw_source(store), backend.views.wakeups, patient)
    task = start(runner)
    await runner.wait_for_state(State.LIVE)
    await store.append([stream(3)])
    await runner.wait_for(3, within=10)  # long before the poll, thanks to pg_notify
    await stop(task)
    assert await backend.counts() == once_each(3)
