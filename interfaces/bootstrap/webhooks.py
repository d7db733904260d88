"""Wiring of the webhooks: the subscription use cases, the destination guard, and one
outbound relay per subscription (``projections/outbound/webhooks``)."""

from __future__ import annotations

from dataclasses import dataclass

from application.commands import RequestPrint
from application.health_records.personal_data import PersonalData
from application.ports import Clock, Secrets
from application.repository import Repository
from application.subscriptions.destinations import Allowed, Destinations
from application.subscriptions.service import Subscriptions
from domain.units import UnitTree
from infrastructure.clock import SystemClock
from infrastructure.memory.positions import positions_only
from infrastructure.memory.views import MemoryViews
from infrastructure.resolver import system_resolve
from infrastructure.settings import Settings
from infrastructure.view_stores import Views
from infrastructure.webhook_secrets import SealedSecrets
from infrastructure.webhook_sender import AiohttpSender
from projections.outbound.event_types import EVENT_TYPES
from projections.outbound.webhooks.courier import Courier, RetryPolicy
from projections.outbound.webhooks.messages import Target
from projections.outbound.webhooks.relays import SubscriptionRegistry, WebhookRelays
from projections.runner import RunnerOptions
from projections.source import EventSource


@dataclass
class Webhooks:
    subscriptions: Subscriptions
    relays: WebhookRelays
    sender: AiohttpSender


def webhooks(
    settings: Settings,
    *,
    repository: Repository,
    source: EventSource,
    views: Views,
    personal: PersonalData,
    clock: Clock,
    secrets: Secrets,
    prints: RequestPrint,
    units: UnitTree,
    options: RunnerOptions,
) -> Webhooks:
    destinations = Destinations(Allowed.parse(settings.webhook_allow), system_resolve)
    sender = AiohttpSender(settings.webhook_timeout_seconds)
    box = SealedSecrets(personal)
    policy = RetryPolicy(
        settings.webhook_attempts,
        settings.webhook_retry_seconds,
        settings.webhook_max_retry_seconds,
    )
    wall_clock = SystemClock()  # signatures carry real time, whatever the app's clock

    def courier(target: Target) -> Courier:
        return Courier(target, destinations, sender, views.deliveries, policy, wall_clock.now)

    relays = WebhookRelays(
        source,
        views.wakeups,
        MemoryViews().store(positions_only(SubscriptionRegistry.name)),
        views.positions,
        courier,
        box.open,
        options,
    )
    subscriptions = Subscriptions(
        repository,
        clock,
        secrets,
        prints,
        units,
        frozenset(kind.type for kind in EVENT_TYPES),
        destinations,
        box,
        views.deliveries,
        relays,
    )
    return Webhooks(subscriptions, relays, sender)
