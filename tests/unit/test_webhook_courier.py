"""The courier of one subscription, with a fake sender: retries with growing back-off and
jitter, the dead letter, the guard again at delivery, and order per dossier."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from uuid import uuid4

from application.subscriptions.destinations import Allowed, Destination, Destinations
from application.subscriptions.views import Outcome
from infrastructure.memory.webhook_deliveries import MemoryDeliveryLog
from projections.outbound.webhooks.courier import Courier, RetryPolicy, SendFailed
from projections.outbound.webhooks.messages import Target, WebhookMessage

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
TARGET = Target(uuid4(), "http://hooks.test/motcua", (), (), SECRET, 0)


async def public(host: str, port: int) -> Sequence[str]:
    return ["93.184.215.14"]


async def private(host: str, port: int) -> Sequence[str]:
    return ["10.0.0.7"]


class Sender:
    """Answers the first ``failures`` attempts of each subject (of ``failing`` only, when
    named) with no answer and 500 in turn; hangs on subject ``hang``."""

    def __init__(
        self, failures: int = 0, failing: str | None = None, hang: str | None = None
    ) -> None:
        self.failures = failures
        self.failing = failing
        self.hang = hang
        self.sent: list[tuple[str, str]] = []
        self.tries: dict[str, int] = {}

    async def post(self, destination: Destination, headers: Mapping[str, str], body: bytes) -> int:
        subject = body.decode()
        self.tries[subject] = self.tries.get(subject, 0) + 1
        if subject == self.hang:
            await asyncio.sleep(3600)
        self.sent.append((subject, headers["webhook-id"]))
        if self.tries[subject] <= self.failures and self.failing in (None, subject):
            if self.tries[subject] % 2:
                raise SendFailed("ConnectError: refused")
            return 500
        return 204


def message(position: int, subject: str) -> WebhookMessage:
    return WebhookMessage(f"evt-{position}", position, "vn.gov.motcua.x", subject, subject.encode())


def courier(
    sender: Sender, log: MemoryDeliveryLog, attempts: int = 5, resolve: object = public
) -> tuple[Courier, list[float]]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    guard = Destinations(Allowed(), resolve)  # type: ignore[arg-type]
    policy = RetryPolicy(attempts, first_seconds=1.0, max_seconds=6.0)
    now = lambda: datetime.now(UTC)  # noqa: E731
    return Courier(TARGET, guard, sender, log, policy, now, sleep=sleep), waits


def test_the_wait_doubles_up_to_a_ceiling_and_half_of_it_is_random() -> None:
    policy = RetryPolicy(10, first_seconds=1.0, max_seconds=6.0)
    assert [policy.delay(n, lambda: 0.0) for n in (1, 2, 3, 4, 5)] == [0.5, 1, 2, 3, 3]
    assert [policy.delay(n, lambda: 1.0) for n in (1, 2, 3, 4, 5)] == [1, 2, 4, 6, 6]


async def test_failed_attempts_are_retried_with_growing_waits_then_delivered() -> None:
    sender, log = Sender(failures=3), MemoryDeliveryLog()
    courier_, waits = courier(sender, log)
    await courier_.deliver([message(1, "a")])

    assert sender.sent == [("a", "evt-1")] * 4  # the same webhook-id each time
    assert len(waits) == 3
    assert 0.5 <= waits[0] <= 1 and 1 <= waits[1] <= 2 and 2 <= waits[2] <= 4
    entries = await log.list(TARGET.id, None, 10)
    assert [(d.attempt, d.outcome, d.status) for d in reversed(entries)] == [
        (1, Outcome.FAILED, None),
        (2, Outcome.FAILED, 500),
        (3, Outcome.FAILED, None),
        (4, Outcome.DELIVERED, 204),
    ]


async def test_after_the_last_attempt_the_event_is_dead_lettered_and_the_next_is_sent() -> None:
    sender, log = Sender(failures=3, failing="a"), MemoryDeliveryLog()
    courier_, _ = courier(sender, log, attempts=3)
    await courier_.deliver([message(1, "a"), message(2, "b")])

    dead = await log.list(TARGET.id, Outcome.DEAD, 10)
    assert [(d.position, d.attempt, d.error) for d in dead] == [(1, 3, "ConnectError: refused")]
    assert sender.tries == {"a": 3, "b": 1}
    (delivered,) = await log.list(TARGET.id, Outcome.DELIVERED, 10)
    assert delivered.position == 2


async def test_a_destination_that_now_resolves_privately_is_dead_lettered_unsent() -> None:
    sender, log = Sender(), MemoryDeliveryLog()
    courier_, waits = courier(sender, log, resolve=private)
    await courier_.deliver([message(1, "a")])

    assert sender.sent == [] and waits == []
    (dead,) = await log.list(TARGET.id, Outcome.DEAD, 10)
    assert dead.attempt == 1 and "10.0.0.7" in (dead.error or "")


async def test_one_dossier_at_a_time_in_order_others_side_by_side() -> None:
    # Dossier "a" hangs on its first event; "b" and "c" are delivered meanwhile, in order.
    sender, log = Sender(hang="a"), MemoryDeliveryLog()
    courier_, _ = courier(sender, log)
    batch = [message(1, "a"), message(2, "b"), message(3, "a"), message(4, "c"), message(5, "b")]
    delivery = asyncio.create_task(courier_.deliver(batch))
    for _ in range(100):
        await asyncio.sleep(0)
    assert [e for s, e in sender.sent if s == "b"] == ["evt-2", "evt-5"]
    assert [e for s, e in sender.sent if s == "c"] == ["evt-4"]
    assert sender.tries["a"] == 1  # its second event waits for the first
    delivery.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await delivery
