"""What the handlers are given: the use cases, the read models and plain settings
values, built by the composition root (``interfaces/bootstrap``). Nothing here is an
adapter: the HTTP and web layers never see ``infrastructure``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from application.audit.ports import Checkpoint
from application.catalog.service import Procedures
from application.chain import ChainReport
from application.clock.service import Calendar
from application.dossiers.documents import DossierDocuments
from application.dossiers.payments import DossierPayments
from application.dossiers.service import Dossiers
from application.enrollments.service import Enrollments
from application.forms.service import Forms
from application.health_records.documents import HealthRecordDocuments
from application.health_records.service import HealthRecords
from application.identity import IdentityProvider
from application.notices.service import Notices
from application.permits.service import Permits
from application.ports import Clock
from application.read_replica import CaughtUp
from application.subscriptions.service import Subscriptions
from application.units.service import Units
from domain.catalog import Catalog
from domain.units import UnitTree
from interfaces.http.auth import TokenKeys
from interfaces.http.metrics import HttpMetrics
from interfaces.http.rate_limit import GuessLimits
from projections.at_risk import AtRisk
from projections.calendar_what_if import CalendarWhatIf
from projections.outbound.feed import EventFeed
from projections.outbound.portal.ports import PortalLedger
from projections.read_models import ReadModels
from projections.runner import ProjectionStatus


@dataclass(frozen=True)
class Services:
    dossiers: Dossiers
    permits: Permits
    enrollments: Enrollments
    health_records: HealthRecords
    health_record_documents: HealthRecordDocuments
    documents: DossierDocuments
    payments: DossierPayments
    read_models: ReadModels
    units: UnitTree
    catalog: Catalog
    clock: Clock
    caught_up: CaughtUp
    projection_status: Callable[[], Awaitable[list[ProjectionStatus]]]
    ping: Callable[[], Awaitable[None]]
    """Raises when the event store does not answer."""
    verify_chain: Callable[[], Awaitable[ChainReport]]
    tokens: TokenKeys
    jwt_secret: str
    """The server's own secret: its HS256 tokens, and the pages' CSRF tokens."""
    read_wait_seconds: float
    guesses: GuessLimits
    metrics: HttpMetrics
    openapi: dict[str, Any]
    feed: EventFeed
    checkpoint: Callable[[], Awaitable[Checkpoint | None]]
    """Sign the chain's head now."""
    calendar: Calendar
    calendar_what_if: CalendarWhatIf
    at_risk: AtRisk
    subscriptions: Subscriptions
    forms: Forms
    """The forms of Circular 03/2025 as PDF: a dossier's 01–06, a unit's log book."""
    portal_ledger: PortalLedger
    """How far each dossier has got on the national portal."""
    notices: Notices
    unit_registry: Units
    """The units over time: any day's tree, reorganisations; ``units`` is today's tree."""
    procedures: Procedures
    """The catalog over time: any day's versions, publishing; ``catalog`` is its view."""
    identity: IdentityProvider | None = None
    """The province's OpenID Connect provider, when ``MOTCUA_OIDC_*`` names one."""


def services_of(request: Request) -> Services:
    services: Services = request.state.services
    return services
