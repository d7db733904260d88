"""What the handlers are given: the use cases, the read models and plain settings
values, built by the composition root (``interfaces/bootstrap``). Nothing here is an
adapter: the HTTP and web layers never see ``infrastructure``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from application.chain import ChainReport
from application.dossiers.service import Dossiers
from application.enrollments.service import Enrollments
from application.health_records.service import HealthRecords
from application.permits.service import Permits
from application.ports import Clock
from application.units.service import Units
from domain.catalog import Catalog
from domain.units import UnitTree
from interfaces.http.metrics import HttpMetrics
from interfaces.http.rate_limit import GuessLimits
from projections.read_models import ReadModels
from projections.runner import ProjectionStatus


@dataclass(frozen=True)
class Services:
    dossiers: Dossiers
    permits: Permits
    enrollments: Enrollments
    health_records: HealthRecords
    read_models: ReadModels
    units: UnitTree
    catalog: Catalog
    clock: Clock
    caught_up: Callable[[str, float], Awaitable[bool]]
    """Read your writes: wait, boundedly, until a projection includes every event
    committed before the call."""
    projection_status: Callable[[], Awaitable[list[ProjectionStatus]]]
    ping: Callable[[], Awaitable[None]]
    """Raises when the event store does not answer."""
    verify_chain: Callable[[], Awaitable[ChainReport]]
    jwt_secret: str
    read_wait_seconds: float
    guesses: GuessLimits
    metrics: HttpMetrics
    openapi: dict[str, Any]
    unit_registry: Units
    """The units over time: any day's tree, reorganisations; ``units`` is today's tree."""


def services_of(request: Request) -> Services:
    services: Services = request.state.services
    return services
