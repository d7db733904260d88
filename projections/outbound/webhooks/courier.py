"""Delivering one subscription's batch: each event POSTed as a signed CloudEvent, retried
with growing back-off and jitter until a 2xx, dead-lettered after the last attempt.

Events of one subject (a dossier's stream) go one at a time, in log order: the next waits
until the one before is delivered or dead-lettered. Subjects go side by side (a bounded
number at once), so one dossier's failing event holds back that dossier only, within
the batch; the batch's position is committed once every event of it is settled
(``projections/outbound/relay.py``). Every attempt is written to the deliveries log: a
failed one at once (so a subscriber being retried shows), the acknowledged ones of a batch
together when it is settled (one short transaction rather than one per event: on SQLite
every transaction waits for the one writer that filings need too).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.subscriptions.destinations import Destination, DestinationRefused, Destinations
from application.subscriptions.ports import DeliveryLog
from application.subscriptions.views import Delivery, Outcome
from projections.outbound.webhooks.messages import CONTENT_TYPE, Target, WebhookMessage
from projections.outbound.webhooks.signature import signed_headers


class SendFailed(Exception):
    """No answer: the connection was refused or broke, or the time-out passed."""


class Sender(Protocol):
    async def post(self, destination: Destination, headers: Mapping[str, str], body: bytes) -> int:
        """POST ``body`` to the destination's checked addresses; the HTTP status. Raises
        :class:`SendFailed` when no answer came."""
        ...


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 8
    """Attempts per event before it is dead-lettered."""
    first_seconds: float = 2.0
    max_seconds: float = 900.0

    def delay(self, attempt: int, draw: Callable[[], float] = random.random) -> float:
        """The wait after failed attempt ``attempt``: the ceiling doubles each time; half of
        it is fixed, half drawn at random, so subscribers that failed together do not all
        come back at the same instant."""
        ceiling = min(self.first_seconds * 2.0 ** (attempt - 1), self.max_seconds)
        return ceiling / 2 + draw() * ceiling / 2


@dataclass(frozen=True)
class Attempt:
    status: int | None
    error: str | None
    final: bool = False
    """No use trying again (the destination was refused)."""

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class Courier:
    def __init__(
        self,
        target: Target,
        destinations: Destinations,
        sender: Sender,
        log: DeliveryLog,
        policy: RetryPolicy,
        now: Callable[[], datetime],
        *,
        side_by_side: int = 8,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.target = target
        self.destinations = destinations
        self.sender = sender
        self.log = log
        self.policy = policy
        self.now = now
        """The wall clock: subscribers check the signature's timestamp against theirs."""
        self.slots = asyncio.Semaphore(side_by_side)
        self.sleep = sleep

    async def deliver(self, messages: Sequence[WebhookMessage]) -> None:
        subjects: dict[str, list[WebhookMessage]] = {}
        for message in messages:
            subjects.setdefault(message.subject, []).append(message)
        delivered: list[Delivery] = []
        try:
            async with asyncio.TaskGroup() as group:
                for queue in subjects.values():
                    group.create_task(self._subject(queue, delivered))
        except ExceptionGroup as failed:  # the log's store away: the runner backs off
            raise failed.exceptions[0] from None
        await self.log.record(self.target.id, sorted(delivered, key=lambda d: d.position))

    async def _subject(self, queue: list[WebhookMessage], delivered: list[Delivery]) -> None:
        async with self.slots:
            for message in queue:
                await self._settle(message, delivered)

    async def _settle(self, message: WebhookMessage, delivered: list[Delivery]) -> None:
        """Deliver ``message`` (noted in ``delivered``) or dead-letter it."""
        for number in range(1, self.policy.attempts + 1):
            attempt = await self._attempt(message)
            last = attempt.final or number == self.policy.attempts
            outcome = (
                Outcome.DELIVERED if attempt.delivered else Outcome.DEAD if last else Outcome.FAILED
            )
            entry = Delivery(
                message.event_id,
                message.position,
                message.type,
                message.subject,
                number,
                outcome,
                attempt.status,
                attempt.error,
                self.now(),
            )
            if outcome == Outcome.DELIVERED:
                delivered.append(entry)
                return
            await self.log.record(self.target.id, [entry])
            if outcome == Outcome.DEAD:
                return
            await self.sleep(self.policy.delay(number))

    async def _attempt(self, message: WebhookMessage) -> Attempt:
        try:
            destination = await self.destinations.check(self.target.url)
        except DestinationRefused as refused:
            return Attempt(None, f"destination refused: {refused}", final=True)
        headers = {
            **signed_headers(self.target.secret, message.event_id, self.now(), message.body),
            "content-type": CONTENT_TYPE,
        }
        try:
            status = await self.sender.post(destination, headers, message.body)
        except SendFailed as failed:
            return Attempt(None, str(failed) or type(failed).__name__)
        return Attempt(status, None if 200 <= status < 300 else f"HTTP {status}")
