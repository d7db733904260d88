"""The composition root: real adapters by default, any of them replaceable in tests."""

from __future__ import annotations

from dataclasses import dataclass

from application.dossiers import Dossiers
from application.encoding import new_mapper
from application.ports import Clock, EventStore, Secrets
from application.repository import Repository
from domain.calendar import WorkingCalendar
from domain.catalog import Catalog
from domain.units import UnitTree
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.clock import SystemClock
from infrastructure.random_secrets import RandomSecrets
from infrastructure.reference_data import load_catalog, load_units
from infrastructure.settings import Settings
from infrastructure.stores import open_store


@dataclass
class App:
    """Everything a request handler or a CLI command needs, built once."""

    settings: Settings
    store: EventStore
    clock: Clock
    units: UnitTree
    catalog: Catalog
    calendar: WorkingCalendar
    dossiers: Dossiers

    async def close(self) -> None:
        await self.store.close()


def default_calendar(settings: Settings, clock: Clock) -> WorkingCalendar:
    """Holidays from a year back to five years ahead: enough for any open deadline."""
    year = clock.now().year
    return vietnam_calendar(
        range(year - 1, year + 6),
        extra_days_off=settings.extra_days_off,
        make_up_days=settings.make_up_days,
    )


async def bootstrap(
    settings: Settings | None = None,
    *,
    store: EventStore | None = None,
    clock: Clock | None = None,
    secrets: Secrets | None = None,
    calendar: WorkingCalendar | None = None,
) -> App:
    settings = settings or Settings()
    clock = clock or SystemClock()
    store = store or await open_store(
        settings.database_url, lock_timeout=settings.store_timeout_seconds
    )
    units, catalog = load_units(), load_catalog()
    calendar = calendar or default_calendar(settings, clock)
    dossiers = Dossiers(
        repository=Repository(store, new_mapper()),
        clock=clock,
        secrets=secrets or RandomSecrets(),
        units=units,
        catalog=catalog,
        calendar=calendar,
    )
    return App(settings, store, clock, units, catalog, calendar, dossiers)
