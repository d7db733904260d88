"""Use cases of webhook subscriptions (admins): subscribe, read the deliveries log,
replay from a position.

The signing secret is needed in the clear to sign every delivery, so it cannot be kept as
a hash; it is sealed under a key of the subscription's own (wrapped by the master key,
like a person's health data) before the event holds it, never answered, never logged.
"""

from __future__ import annotations

import base64
import binascii
from uuid import UUID

from application.commands import CommandRunner, Decision, RequestPrint
from application.context import Context
from application.errors import Forbidden, InvalidInput, NotFound
from application.pipeline import Pipeline, Steps
from application.ports import Clock, Secrets
from application.repository import Repository
from application.subscriptions import commands as c
from application.subscriptions.destinations import DestinationRefused, Destinations
from application.subscriptions.ports import DeliveryLog, DeliveryPositions, SecretBox
from application.subscriptions.views import (
    Deliveries,
    Outcome,
    ReplayAccepted,
    SubscriptionCreated,
)
from domain.shared import Actor, Role
from domain.subscriptions.subscription import Subscription
from domain.units import UnitTree

SECRET_PREFIX = "whsec_"


def _authorise(actor: Actor, *_: object) -> None:
    if actor.role != Role.ADMIN:
        raise Forbidden("only an admin manages webhook subscriptions")


def _check_secret(secret: str) -> None:
    """Standard Webhooks: ``whsec_`` then base64 of 24 to 64 random bytes."""
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput("secret", "whsec_ then base64") from None
    if not secret.startswith(SECRET_PREFIX) or not 24 <= len(key) <= 64:
        raise InvalidInput("secret", "whsec_ then base64 of 24 to 64 random bytes")


class Subscriptions:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        secrets: Secrets,
        prints: RequestPrint,
        units: UnitTree,
        published_types: frozenset[str],
        destinations: Destinations,
        box: SecretBox,
        log: DeliveryLog,
        positions: DeliveryPositions,
    ) -> None:
        self.repository = repository
        self.runner = CommandRunner(repository, prints)
        self.pipeline = Pipeline(self.runner, clock)
        self.clock = clock
        self.secrets = secrets
        self.units = units
        self.published_types = published_types
        self.destinations = destinations
        self.box = box
        self.log = log
        self.positions = positions

    async def subscribe(self, context: Context, command: c.Subscribe) -> SubscriptionCreated:
        """Deliveries start with the events committed after this one."""
        _authorise(context.actor)
        _check_secret(command.secret)
        unknown = sorted(set(command.types) - self.published_types)
        if unknown:
            raise InvalidInput("types", f"not published: {', '.join(unknown)}")
        if any(unit not in self.units for unit in command.units):
            raise InvalidInput("units", "no unit has this code")
        try:
            await self.destinations.check(command.url)
        except DestinationRefused as refused:
            raise InvalidInput("url", str(refused)) from None
        subscription_id = self.secrets.new_id()

        async def decide() -> Decision:
            subscription = Subscription.subscribe(
                id=subscription_id,
                url=command.url,
                types=tuple(dict.fromkeys(command.types)),
                units=tuple(dict.fromkeys(command.units)),
                sealed_secret=await self.box.seal(subscription_id, command.secret),
                actor=context.actor,
                at=self.clock.now(),
            )
            return [subscription], SubscriptionCreated(subscription.id)

        answer: SubscriptionCreated = await self.runner.run(context, ("subscribe", command), decide)
        return answer

    async def replay(
        self, context: Context, subscription_id: UUID, command: c.Replay
    ) -> ReplayAccepted:
        """Record who asked, then move the subscription's delivery position back."""
        steps = Steps(
            self._load, _authorise, lambda s: ReplayAccepted(s.id, command.after, s.version)
        )
        answer: ReplayAccepted = await self.pipeline.act(
            steps,
            context,
            subscription_id,
            "replay",
            command,
            lambda s, now: s.replay(command.after, context.actor, now),
        )
        await self.positions.rewind(subscription_id, command.after)
        return answer

    async def deliveries(
        self, actor: Actor, subscription_id: UUID, outcome: Outcome | None, limit: int
    ) -> Deliveries:
        _authorise(actor)
        await self._load(actor, subscription_id)
        return Deliveries(
            subscription_id,
            await self.positions.position(subscription_id),
            await self.log.list(subscription_id, outcome, limit),
            *self.positions.relay(subscription_id),
        )

    async def _load(self, actor: Actor, subscription_id: UUID) -> Subscription:
        _authorise(actor)
        subscription = await self.repository.get(Subscription, subscription_id)
        if subscription is None:
            raise NotFound("subscription")
        return subscription
