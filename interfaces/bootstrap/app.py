"""The composition root: real adapters by default, any of them replaceable in tests."""

from __future__ import annotations

from dataclasses import dataclass

from application.chain import ChainReport, verify_chain
from application.commands import keyed_prints
from application.dossiers.service import Dossiers
from application.encoding import new_mapper
from application.enrollments.service import Enrollments
from application.health_records.personal_data import PersonalData
from application.health_records.service import HealthRecords
from application.permits.issuance import PermitIssuer, permit_approvals
from application.permits.service import Permits
from application.ports import Clock, EventStore, Secrets
from application.repository import Repository
from application.units.handover import HandOver
from application.units.histories import UnitHistories
from application.units.service import Units
from domain.calendar import VIETNAM_TZ, WorkingCalendar
from domain.catalog import Catalog
from domain.units import UnitTree
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.clock import SystemClock
from infrastructure.crypto import AesGcmCipher
from infrastructure.personal_data import (
    PersonalDataAdapters,
    memory_personal_data,
    open_personal_data,
)
from infrastructure.random_secrets import RandomSecrets
from infrastructure.reference_data import load_catalog, load_schools
from infrastructure.settings import Settings
from infrastructure.stores import open_store
from infrastructure.unit_history import open_unit_registry
from infrastructure.unit_history.loading import DEMO_JURISDICTION
from infrastructure.view_stores import Views, memory_views, open_views
from projections.read_models import ReadModels, bindings, read_models
from projections.runner import RunnerOptions
from projections.source import EventSource
from projections.supervisor import Projections


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
    views: Views
    projections: Projections
    read_models: ReadModels
    permits: Permits
    enrollments: Enrollments
    health_records: HealthRecords
    handover: HandOver
    unit_registry: Units
    """The units over time; ``units`` is its tree in force today."""

    async def start_projections(self) -> None:
        """Run every projection in this process (the HTTP lifespan, ``projections run``)."""
        await self.projections.start()
        self.permits.issuer.start()
        self.handover.start()

    async def stop_projections(self) -> None:
        await self.projections.stop()
        await self.permits.issuer.stop()
        await self.handover.stop()

    async def verify_chain(self) -> ChainReport:
        """``GET /api/v1/audit/verify`` and ``motcua verify``."""
        return await verify_chain(self.store)

    async def close(self) -> None:
        await self.projections.stop()
        await self.permits.issuer.stop()
        await self.handover.stop()
        await self.views.close()
        await self.health_records.personal.keys.close()
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
    views: Views | None = None,
    runner_options: RunnerOptions | None = None,
    personal_data: PersonalDataAdapters | None = None,
) -> App:
    """Views default to the event store's own database, or to process memory when a store
    is given without them (rebuilt from that store each time the projections start)."""
    settings = settings or Settings()
    clock = clock or SystemClock()
    if store is None:
        store = await open_store(
            settings.database_url,
            lock_timeout=settings.store_timeout_seconds,
            allow_unsafe_durability=settings.allow_unsafe_durability,
        )
        views = views or await open_views(
            settings.database_url, busy_timeout=settings.store_timeout_seconds
        )
        personal_data = personal_data or await open_personal_data(settings)
    views = views or memory_views()
    personal_data = personal_data or memory_personal_data()
    secrets = secrets or RandomSecrets()
    catalog = load_catalog()
    calendar = calendar or default_calendar(settings, clock)
    repository = Repository(store, new_mapper())
    prints = keyed_prints(personal_data.keys.mac)
    registry = await open_unit_registry(repository, clock.now())
    unit_registry = Units(repository, clock, registry, prints)
    units: UnitTree = unit_registry.in_force
    dossiers = Dossiers(
        repository=repository,
        prints=prints,
        clock=clock,
        secrets=secrets,
        units=units,
        catalog=catalog,
        calendar=calendar,
        approval_result=permit_approvals(catalog),
        desk_wait_seconds=settings.store_timeout_seconds,
    )
    source = EventSource(store, repository.decode)
    projections = Projections(
        bindings(views.stores, units, source),
        source,
        views.wakeups,
        runner_options
        or RunnerOptions(
            batch_size=settings.projection_batch_size,
            poll_seconds=settings.projection_poll_seconds,
        ),
    )
    await projections.prepare()
    models = read_models(
        views.readers,
        units,
        lambda: clock.now().astimezone(VIETNAM_TZ).date(),
        public_fallback=dossiers.public_status,
        history=UnitHistories(repository, DEMO_JURISDICTION).current,
    )
    wakeups = views.wakeups

    async def news() -> None:
        await wakeups.wait_after(wakeups.count, settings.projection_poll_seconds)

    personal = PersonalData(personal_data.keys, AesGcmCipher(), personal_data.erasures)
    await personal.reapply_erasures()  # a restored backup may hold keys erased since
    return App(
        settings,
        store,
        clock,
        units,
        catalog,
        calendar,
        dossiers,
        views,
        projections,
        models,
        permits=Permits(repository, clock, units, PermitIssuer(repository, catalog, news), prints),
        enrollments=Enrollments(repository, clock, secrets, units, load_schools(), prints),
        health_records=HealthRecords(repository, clock, secrets, units, personal, prints),
        handover=HandOver(repository, catalog, clock, DEMO_JURISDICTION, news=news),
        unit_registry=unit_registry,
    )
