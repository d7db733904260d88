"""The hand-over at the switch as a process manager over a store (application.units)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from application.encoding import new_mapper
from application.ports import StoreUnavailable
from application.repository import Repository
from application.units.handover import HandOver
from domain.dossiers.dossier import Dossier
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.unit_history.loading import DEMO_JURISDICTION as JUR
from infrastructure.unit_history.loading import record_reference_units
from tests.examples import CATALOG
from tests.switch_examples import (
    BAT_XAT_DISTRICT,
    SWITCH,
    XA_BAT_XAT,
    at_the_district_on_the_eve,
    reference_history,
)

MIDNIGHT = FixedClock(datetime(2025, 6, 30, 17, 0, tzinfo=UTC))


class CrashingStore(InMemoryEventStore):
    """Fails every append after the first ``allowed`` ones, as a process killed midway."""

    def __init__(self, allowed: int) -> None:
        super().__init__()
        self.allowed = allowed

    async def append(self, streams: Any, idempotency: Any = None) -> int:
        if self.allowed <= 0:
            raise StoreUnavailable("killed")
        self.allowed -= 1
        return await super().append(streams, idempotency)


async def _filed(repository: Repository, count: int) -> list[Dossier]:
    dossiers = [at_the_district_on_the_eve(n) for n in range(1, count + 1)]
    for dossier in dossiers:
        await repository.save([dossier], {})
    return dossiers


def _manager(repository: Repository, batch_size: int = 2) -> HandOver:
    return HandOver(repository, CATALOG, MIDNIGHT, JUR, batch_size=batch_size)


async def test_every_dossier_at_bat_xat_ends_at_its_successor_once() -> None:
    repository = Repository(InMemoryEventStore(), new_mapper())
    filed = await _filed(repository, 5)
    report = await _manager(repository).run(reference_history(), SWITCH)
    assert report.handed_over == 5
    for before in filed:
        after = await repository.get(Dossier, before.id)
        assert after is not None
        assert (after.current_unit, after.receiving_unit) == (XA_BAT_XAT, XA_BAT_XAT)
        assert after.due_date == before.due_date  # the clock does not restart
        last = (await repository.events(before.id))[-1]
        assert isinstance(last, Dossier.HandedOver)
        assert (last.from_unit, last.from_unit_name) == (BAT_XAT_DISTRICT, "Huyện Bát Xát")
    # Running it again (a restart, a second server) hands nothing over twice.
    again = await _manager(repository).run(reference_history(), SWITCH)
    assert again.handed_over == 5
    for dossier in filed:
        assert len(await repository.events(dossier.id)) == 4


async def test_a_crash_midway_resumes_after_the_last_batch() -> None:
    store = CrashingStore(allowed=5 + 1)  # five filings, then one batch of two
    repository = Repository(store, new_mapper())
    filed = await _filed(repository, 5)
    with pytest.raises(StoreUnavailable):
        await _manager(repository).run(reference_history(), SWITCH)
    moved = [len(await repository.events(d.id)) == 4 for d in filed]
    assert moved == [True, True, False, False, False]
    store.allowed = 100
    report = await _manager(repository).run(reference_history(), SWITCH)
    assert report.handed_over == 5
    assert [len(await repository.events(d.id)) for d in filed] == [4] * 5


async def test_the_switch_waits_for_its_day_then_follows_the_registry_in_the_store() -> None:
    repository = Repository(InMemoryEventStore(), new_mapper())
    recorded_at = datetime(2025, 6, 20, tzinfo=UTC)
    await repository.save([record_reference_units(None, recorded_at)], {})
    filed = await _filed(repository, 3)
    # On 30 June (Hà Nội) the reform is recorded but not yet in force: nothing moves.
    eve = HandOver(repository, CATALOG, FixedClock(datetime(2025, 6, 30, 9, tzinfo=UTC)), JUR)
    assert SWITCH not in [report.effective for report in await eve.catch_up()]
    assert [len(await repository.events(d.id)) for d in filed] == [3, 3, 3]
    # From 1 July it is, and every switch due so far has run.
    reports = await HandOver(repository, CATALOG, MIDNIGHT, JUR).catch_up()
    assert [(r.effective, r.handed_over) for r in reports][-1] == (SWITCH, 3)
    assert [len(await repository.events(d.id)) for d in filed] == [4, 4, 4]


async def test_a_completed_switch_writes_nothing_more_however_often_it_is_woken() -> None:
    repository = Repository(InMemoryEventStore(), new_mapper())
    await repository.save([record_reference_units(None, datetime(2025, 6, 20, tzinfo=UTC))], {})
    await _filed(repository, 2)
    manager = HandOver(repository, CATALOG, MIDNIGHT, JUR)
    await manager.catch_up()
    head = await repository.store.last_position()
    # Dossiers filed from now on are on the new tree: waking the follower for each of
    # them must not grow the log.
    for _ in range(3):
        await manager.catch_up()
    assert await repository.store.last_position() == head


class CountingStore(InMemoryEventStore):
    """Counts the streams read whole (a switch is read this way)."""

    def __init__(self) -> None:
        super().__init__()
        self.streams_read = 0

    async def read_stream(self, stream_id: Any, after_version: int = 0) -> Any:
        self.streams_read += 1
        return await super().read_stream(stream_id, after_version)


async def test_a_completed_switch_is_not_read_again_at_each_news() -> None:
    store = CountingStore()
    repository = Repository(store, new_mapper())
    await repository.save([record_reference_units(None, datetime(2025, 6, 20, tzinfo=UTC))], {})
    await _filed(repository, 2)
    manager = HandOver(repository, CATALOG, MIDNIGHT, JUR)
    first = await manager.catch_up()
    await manager.catch_up()  # reads each switch once more and sees it completed
    store.streams_read = 0
    # The worker wakes the manager at every commit: a completed switch is final, and
    # re-reading its stream each time cost the worker a share of its CPU under load.
    for _ in range(3):
        assert await manager.catch_up() == first
    assert store.streams_read == 0
