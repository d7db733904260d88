"""Checkpoints kept for the life of the process (tests, ``memory://``)."""

from __future__ import annotations

from application.audit.ports import Checkpoint


class InMemoryCheckpointLedger:
    def __init__(self) -> None:
        self.checkpoints: list[Checkpoint] = []

    async def record(self, checkpoint: Checkpoint) -> None:
        self.checkpoints.append(checkpoint)

    async def seen(self) -> list[Checkpoint]:
        return list(self.checkpoints)
