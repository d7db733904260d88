"""What the subscription use cases need from outside: a box for the signing secret, the
deliveries log, and the delivery positions (kept by the outbound relays)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from application.subscriptions.views import Delivery, Outcome


class SecretBox(Protocol):
    """Seals a secret under a key of its owner's own, wrapped by the master key (the
    person keys of health records): the event holds ciphertext, and shredding the key
    makes it unreadable."""

    async def seal(self, owner: UUID, secret: str) -> str: ...

    async def open(self, owner: UUID, sealed: str) -> str | None:
        """The secret, or None once its key is shredded."""
        ...


class DeliveryLog(Protocol):
    async def record(self, subscription_id: UUID, deliveries: Sequence[Delivery]) -> None:
        """Append these attempts (in one transaction)."""
        ...

    async def list(
        self, subscription_id: UUID, outcome: Outcome | None, limit: int
    ) -> list[Delivery]:
        """The latest attempts, newest first."""
        ...


class DeliveryPositions(Protocol):
    async def position(self, subscription_id: UUID) -> int:
        """Every matching event up to here is delivered or dead-lettered."""
        ...

    def relay(self, subscription_id: UUID) -> tuple[str | None, str | None]:
        """The state of the relay running here (``live``, ``failed``...) and its last
        error; (None, None) when none runs in this process."""
        ...

    async def rewind(self, subscription_id: UUID, after: int) -> None:
        """Deliver again from ``after`` (a running relay takes the new position at its next
        commit)."""
        ...
