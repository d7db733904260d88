"""What travels with every command: who asks, and how the request is identified."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID, uuid4

from domain.shared import Actor


@dataclass(frozen=True)
class Context:
    actor: Actor
    request_id: str = ""
    idempotency_key: str | None = None
    if_match: int | None = None
    command_id: UUID = field(default_factory=uuid4)

    def metadata(self) -> dict[str, object]:
        return {
            "actor": {"sub": self.actor.sub, "role": str(self.actor.role), "unit": self.actor.unit},
            "correlation_id": self.request_id or str(self.command_id),
            "causation_id": str(self.command_id),
        }
