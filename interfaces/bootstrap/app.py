"""The composition root: real adapters by default, any of them replaceable in tests."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.attachments.ports import BlobStore
from application.audit.checkpoints import SIGNED_TOPIC, Checkpoints
from application.audit.ports import Checkpoint
from application.catalog.service import Procedures
from application.chain import ChainReport
from application.clock.in_force import CalendarInForce
from application.clock.service import Calendar
from application.commands import keyed_prints
from application.dossiers.documents import DossierDocuments
from application.dossiers.payments import DossierPayments
from application.dossiers.service import Dossiers
from application.encoding import new_mapper
from application.enrollments.service import Enrollments
from application.forms.ports import FormRenderer
from application.forms.service import Forms
from application.forms.signing import FormSigner
from application.health_records.documents import HealthRecordDocuments
from application.health_records.personal_data import PersonalData
from application.health_records.service import HealthRecords
from application.notices.service import Notices
from application.permits.issuance import PermitIssuer, permit_approvals
from application.permits.service import Permits
from application.ports import Clock, EventStore, Secrets
from application.repository import Repository
from application.units.handover import HandOver
from application.units.histories import UnitHistories
from application.units.service import Units
from domain.calendar import VIETNAM_TZ, WorkingCalendar
from domain.catalog import Catalog
from domain.clock.due_date import Clock as DueClock
from domain.clock.working_days import IndexedCalendar
from domain.units import UnitTree
from infrastructure.blobs.memory import MemoryBlobStore
from infrastructure.blobs.stores import open_blobs
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.catalog_history import open_catalog_registry
from infrastructure.checkpoint_adapters import (
    CheckpointAdapters,
    memory_checkpoint_adapters,
    open_checkpoint_adapters,
)
from infrastructure.clock import SystemClock
from infrastructure.crypto import AesGcmCipher
from infrastructure.pdf.fpdf_form_renderer import FpdfFormRenderer
from infrastructure.pdf.pooled_renderer import PooledFormRenderer
from infrastructure.personal_data import (
    PersonalDataAdapters,
    memory_personal_data,
    open_personal_data,
)
from infrastructure.rabbitmq import RabbitMqPublisher
from infrastructure.random_secrets import RandomSecrets
from infrastructure.reference_data import load_schools
from infrastructure.settings import Settings
from infrastructure.stores import open_store
from infrastructure.unit_history import open_unit_registry
from infrastructure.unit_history.loading import DEMO_JURISDICTION
from infrastructure.view_stores import Views, memory_views, open_views
from interfaces.bootstrap.notices import CitizenNotices, citizen_notices
from interfaces.bootstrap.outbound import broker_relay, permit_relay
from interfaces.bootstrap.portal import NationalPortal, national_portal
from interfaces.bootstrap.webhooks import Webhooks, webhooks
from projections.at_risk import AtRisk
from projections.calendar_what_if import CalendarWhatIf
from projections.outbound.broker import Publisher
from projections.outbound.feed import EventFeed
from projections.outbound.portal.ports import Portal
from projections.possible_duplicates import PossibleDuplicates
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
    health_record_documents: HealthRecordDocuments
    documents: DossierDocuments
    payments: DossierPayments
    feed: EventFeed
    checkpoints: Checkpoints
    calendar_office: Calendar
    calendar_what_if: CalendarWhatIf
    at_risk: AtRisk
    webhooks: Webhooks
    forms: Forms
    portal: NationalPortal
    notices: CitizenNotices
    notice_log: Notices
    handover: HandOver
    unit_registry: Units
    """The units over time; ``units`` is its tree in force today."""
    procedures: Procedures
    """The catalog over time; ``catalog`` reads through to it."""
    broker: Publisher | None = None
    """Set with ``MOTCUA_BROKER_URL`` (or given): its relay runs with the projections."""
    form_pool: PooledFormRenderer | None = None
    """The form workers (``MOTCUA_FORM_WORKERS``), unless a renderer was given."""

    def start_forms(self) -> None:
        """Start the form workers now, so the first filing does not wait for them."""
        if self.form_pool is not None:
            self.form_pool.start()

    async def start_api(self) -> None:
        """What an API-only process needs (``serve --no-projections``): the calendar in
        force, and readers that wait on the positions the projection workers commit."""
        self.projections.elsewhere = True
        await self.calendar_office.load()
        self.calendar_office.watch()

    async def start_projections(self) -> None:
        """Run every projection and relay in this process (the HTTP lifespan,
        ``projections run``)."""
        await self.projections.start()
        self.checkpoints.start(self.settings.checkpoint_seconds)
        await self.calendar_office.load()
        self.calendar_office.start()
        self.calendar_office.watch()
        await self.webhooks.relays.start()
        await self.portal.start()
        await self.notices.start()
        self.handover.start()

    async def stop_projections(self) -> None:
        await self.projections.stop()
        await self.checkpoints.stop()
        await self.calendar_office.stop()
        await self.webhooks.relays.stop()
        await self.portal.stop()
        await self.notices.stop()
        await self.handover.stop()

    async def verify_chain(self, handed: Sequence[Checkpoint] = ()) -> ChainReport:
        """``GET /api/v1/audit/verify`` and ``motcua verify``: the chain, and the log against
        every checkpoint seen (the ledger's, and ``handed``)."""
        return await self.checkpoints.verify(handed)

    async def close(self) -> None:
        await self.projections.stop()
        await self.checkpoints.stop()
        await self.calendar_office.stop()
        await self.webhooks.relays.stop()
        await self.webhooks.sender.close()
        await self.portal.close()
        await self.notices.close()
        await self.handover.stop()
        await self.views.close()
        await self.health_records.personal.keys.close()
        if self.broker is not None:
            await self.broker.close()
        if self.form_pool is not None:
            await asyncio.to_thread(self.form_pool.close)
        await self.store.close()


def calendar_years(clock: Clock) -> range:
    """From a year back to five years ahead: enough for any open deadline."""
    year = clock.now().year
    return range(year - 1, year + 6)


def default_calendar(settings: Settings, clock: Clock) -> WorkingCalendar:
    return vietnam_calendar(
        calendar_years(clock),
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
    portal: Portal | None = None,
    personal_data: PersonalDataAdapters | None = None,
    blobs: BlobStore | None = None,
    broker: Publisher | None = None,
    checkpoint_adapters: CheckpointAdapters | None = None,
    form_renderer: FormRenderer | None = None,
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
            pooled=settings.transaction_pooler,
        )
        views = views or await open_views(
            settings.database_url,
            busy_timeout=settings.store_timeout_seconds,
            pooled=settings.transaction_pooler,
            direct_url=settings.direct_url,
            replica_url=settings.replica_url,
        )
        personal_data = personal_data or await open_personal_data(settings)
        blobs = blobs or open_blobs(settings)
        checkpoint_adapters = checkpoint_adapters or open_checkpoint_adapters(settings)
    views = views or memory_views()
    personal_data = personal_data or memory_personal_data()
    checkpoint_adapters = checkpoint_adapters or memory_checkpoint_adapters()
    secrets = secrets or RandomSecrets()
    year = clock.now().year
    in_force = CalendarInForce(
        IndexedCalendar.over(calendar or default_calendar(settings, clock), year - 1, year + 5)
    )
    calendar = in_force.current
    repository = Repository(store, new_mapper())
    prints = keyed_prints(personal_data.keys.mac)
    registry = await open_unit_registry(repository, clock.now())
    unit_registry = Units(repository, clock, registry, prints)
    units: UnitTree = unit_registry.in_force
    procedures = Procedures(
        repository,
        clock,
        await open_catalog_registry(repository, clock.now()),
        prints,
        unit_registry.tree_on,
    )
    catalog: Catalog = procedures.in_force
    form_pool = None
    if form_renderer is None and settings.form_workers > 0:
        form_renderer = form_pool = PooledFormRenderer(settings.form_workers)
    signer = FormSigner(form_renderer or FpdfFormRenderer(), unit_registry.tree_on)

    def citizen_print(citizen_id: str) -> str:
        return prints(("citizen_id", citizen_id))

    async def duplicates_caught_up() -> bool:
        return await projections.caught_up("possible_duplicates", settings.read_wait_seconds)

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
        signer=signer,
        open_dossiers=PossibleDuplicates(
            views.readers.possible_duplicates, citizen_print, duplicates_caught_up
        ),
        # the view's catching up (bounded by the read wait), then a second for its query
        duplicates_wait_seconds=settings.read_wait_seconds + 1.0,
    )
    in_force.followers.append(lambda current: setattr(dossiers, "calendar", current))
    source = EventSource(store, repository.decode)
    options = runner_options or RunnerOptions(
        batch_size=settings.projection_batch_size,
        poll_seconds=settings.projection_poll_seconds,
    )
    if broker is None and settings.broker_url is not None:
        broker = RabbitMqPublisher(
            settings.broker_url.get_secret_value(), exchange=settings.broker_exchange
        )
    issuer = PermitIssuer(repository, catalog)
    relays = [permit_relay(issuer.issue_for, views, source, options)]
    if broker is not None:
        relays.append(broker_relay(broker, views, source, options))
    projections = Projections(
        bindings(views.stores, units, source, calendar, citizen_print),
        source,
        views.wakeups,
        options,
        relays,
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

    def today() -> date:
        return clock.now().astimezone(VIETNAM_TZ).date()

    async def open_over(first: date, last: date) -> list[tuple[UUID, date | None, DueClock]]:
        await projections.caught_up("due_clocks", 30.0)
        rows = await views.readers.due_clocks.running_over(
            first.toordinal(), last.toordinal(), open_only=True
        )
        return [(UUID(r.dossier_id), date.fromordinal(r.due), r.clock) for r in rows]

    personal = PersonalData(personal_data.keys, AesGcmCipher(), personal_data.erasures)
    await personal.reapply_erasures()  # a restored backup may hold keys erased since
    health_records = HealthRecords(repository, clock, secrets, units, personal, prints)
    files = blobs or MemoryBlobStore()
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
        permits=Permits(repository, clock, units, issuer, prints),
        enrollments=Enrollments(repository, clock, secrets, units, load_schools(), prints),
        health_records=health_records,
        health_record_documents=HealthRecordDocuments(health_records, files, secrets),
        documents=DossierDocuments(dossiers, files, secrets, clock, prints),
        payments=DossierPayments(
            dossiers,
            settings.payment_secret.get_secret_value().encode() if settings.payment_secret else b"",
        ),
        feed=EventFeed(
            source,
            views.readers.audit_log,
            views.audit_position,
            everyone=frozenset({SIGNED_TOPIC}),
        ),
        checkpoints=Checkpoints(
            repository, clock, checkpoint_adapters.key, checkpoint_adapters.ledger
        ),
        calendar_office=Calendar(repository, dossiers.runner, clock, in_force, open_over),
        calendar_what_if=CalendarWhatIf(views.readers.due_clocks, in_force, today),
        at_risk=AtRisk(views.readers.due_clocks, in_force, today),
        webhooks=webhooks(
            settings,
            repository=repository,
            source=source,
            views=views,
            personal=personal,
            clock=clock,
            secrets=secrets,
            prints=prints,
            units=units,
            options=projections.options,
        ),
        forms=Forms(repository, signer, units, calendar_years(clock)),
        portal=national_portal(settings, views, source, options, portal),
        notices=citizen_notices(settings, views, source, repository, options),
        notice_log=Notices(dossiers, repository),
        broker=broker,
        handover=HandOver(repository, catalog, clock, DEMO_JURISDICTION, news=news),
        unit_registry=unit_registry,
        procedures=procedures,
        form_pool=form_pool,
    )
