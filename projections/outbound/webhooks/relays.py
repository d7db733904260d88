"""One outbound relay per subscription, each with its own position (``webhook:<id>`` in
``projection_positions``): a slow or dead subscriber holds back only its own deliveries,
never a filing (the log is read, not locked) nor another subscriber.

The subscriptions are learnt from the log: a projection over ``Subscription.Subscribed``,
whose position is kept in memory (it reads the log again at each start: subscriptions
are few and the read is filtered to them). A relay created for a subscription starts at
the position of its creation. A replay moves the relay's position back, like a rebuild
that is already finished, and tells the relay running here (one running in another
process takes the new position at its next commit: the position check fails it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from application.ports import RecordedEvent
from application.tasks import stop_tasks
from domain.subscriptions.subscription import Subscription
from projections.dossier_states import topics_of
from projections.outbound.relay import Outbox, RelayRunner
from projections.outbound.webhooks.courier import Courier
from projections.outbound.webhooks.messages import Target, WebhookMessage, WebhookProjection
from projections.ports import Binding, Envelope, Lease, Projection, ProjectionStore, WakeUps
from projections.runner import ProjectionRunner, RunnerOptions
from projections.source import EventSource

OpenSecret = Callable[[UUID, str], Awaitable[str | None]]


def relay_name(subscription_id: UUID) -> str:
    return f"webhook:{subscription_id}"


async def move(store: ProjectionStore[Any], position: int) -> None:
    """Set a position-only store's position: a rebuild of nothing, swapped in at once."""
    generation = await store.begin_rebuild(1)
    async with store.swap(generation, 1) as transaction:
        transaction.advance_to(position)


class WebhookRunner(RelayRunner[WebhookMessage]):
    """A relay whose position a replay may move back while it runs (positions are dense,
    so a batch read from position p starts at p + 1)."""

    async def moved(self, position: int) -> None:
        """The tracked position was moved to ``position``: go on from there."""
        await self._set(self.state, position=position)

    async def _apply(
        self,
        lease: Lease[Outbox[WebhookMessage]],
        projection: Projection[Outbox[WebhookMessage]],
        batch: list[RecordedEvent],
    ) -> None:
        if batch[0].position - 1 != self.position:
            return  # read before a replay moved the position: read again from there
        await super()._apply(lease, projection, batch)
        tracking = await self.binding.views.tracking()
        if tracking is not None and tracking.position < self.position:
            await self._set(self.state, position=tracking.position)  # moved meanwhile


class SubscriptionRegistry:
    """Opens a relay for each subscription the log holds."""

    name = "webhook-subscriptions"
    version = 1
    topics: frozenset[str] | None = topics_of(Subscription.Subscribed)

    def __init__(self, relays: WebhookRelays) -> None:
        self.relays = relays

    async def handle(self, envelope: Envelope, view: Any) -> None:
        await self.relays.open(envelope.event, envelope.recorded.position)


class WebhookRelays:
    def __init__(
        self,
        source: EventSource,
        wakeups: WakeUps,
        registry: ProjectionStore[Any],
        positions: Callable[[str], ProjectionStore[Any]],
        courier: Callable[[Target], Courier],
        open_secret: OpenSecret,
        options: RunnerOptions | None = None,
    ) -> None:
        self.source = source
        self.wakeups = wakeups
        self.registry = registry
        self.positions = positions
        self.courier = courier
        self.open_secret = open_secret
        self.options = options or RunnerOptions()
        self.targets: dict[UUID, Target] = {}
        self.runners: dict[UUID, WebhookRunner] = {}
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        if self._tasks:
            return
        binding = Binding(lambda: SubscriptionRegistry(self), self.registry)
        runner: ProjectionRunner[Any] = ProjectionRunner(
            binding, self.source, self.wakeups, self.options
        )
        self._tasks.append(asyncio.create_task(runner.run(), name=SubscriptionRegistry.name))

    async def stop(self) -> None:
        await stop_tasks(self._tasks)
        self._tasks.clear()
        self.runners.clear()
        self.targets.clear()

    async def open(self, created: Subscription.Subscribed, position: int) -> None:
        subscription_id = created.originator_id
        if subscription_id in self.targets:
            return
        store = self.positions(relay_name(subscription_id))
        if await store.tracking() is None:
            await store.create(1)
            await move(store, position)
        secret = await self.open_secret(subscription_id, created.sealed_secret)
        if secret is None:
            return  # its key was shredded: nothing can be signed any more
        self.targets[subscription_id] = Target(
            subscription_id,
            created.url,
            tuple(created.types),
            tuple(created.units),
            secret,
            position,
        )
        self._run(subscription_id)

    def _run(self, subscription_id: UUID) -> None:
        target = self.targets[subscription_id]
        name = relay_name(subscription_id)
        store = self.positions(name)
        binding: Binding[Outbox[WebhookMessage]] = Binding(
            lambda: WebhookProjection(target, name), store
        )
        runner = WebhookRunner(
            binding, self.source, self.wakeups, self.courier(target).deliver, self.options
        )
        self.runners[subscription_id] = runner
        self._tasks.append(asyncio.create_task(runner.run(), name=name))

    # -- application.subscriptions.ports.DeliveryPositions ---------------------------------

    async def position(self, subscription_id: UUID) -> int:
        tracking = await self.positions(relay_name(subscription_id)).tracking()
        return tracking.position if tracking is not None else 0

    def relay(self, subscription_id: UUID) -> tuple[str | None, str | None]:
        runner = self.runners.get(subscription_id)
        return (str(runner.state), runner.last_error) if runner else (None, None)

    async def rewind(self, subscription_id: UUID, after: int) -> None:
        store = self.positions(relay_name(subscription_id))
        await store.create(1)
        position = min(after, await self.position(subscription_id))
        await move(store, position)
        runner = self.runners.get(subscription_id)
        if runner is not None:
            await runner.moved(position)
            self.wakeups.nudge()
