"""The unit registry goes through the event store as the integration will use it: saved in
one append, read back whole, loaded again at a restart with nothing new to append."""

from __future__ import annotations

from datetime import UTC, date, datetime

from application.encoding import new_mapper
from application.repository import Repository
from domain.units import UnitRegistry
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.unit_history import DEMO_JURISDICTION, record_reference_units

AT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
METADATA = {"actor": {"sub": "system", "role": "admin", "unit": "15"}, "reason": "reference data"}


async def test_the_reference_history_is_stored_once_and_read_back_whole() -> None:
    repository = Repository(InMemoryEventStore(), new_mapper())
    stream = UnitRegistry.id_for(DEMO_JURISDICTION)

    first = record_reference_units(await repository.get(UnitRegistry, stream), AT)
    await repository.save([first], METADATA)
    stored = await repository.events(stream)

    # A restart: the registry is read back and the same files add nothing to append.
    again = record_reference_units(await repository.get(UnitRegistry, stream), AT)
    assert again.pending_events == []
    assert await repository.events(stream) == stored
    assert list(again.history) == list(first.history)
    assert len(again.history.tree_on(date(2025, 7, 1))) == 100
