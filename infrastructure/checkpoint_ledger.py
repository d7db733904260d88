"""The checkpoints this server signed, as a file of JSON lines beside the keys, apart from
the database: restoring, cutting or rewriting the database leaves it as it was, so
``/audit/verify`` still judges the log against them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from application.audit.ports import Checkpoint
from infrastructure.append_only import append_line


class FileCheckpointLedger:
    def __init__(self, path: Path) -> None:
        self.path = path

    async def record(self, checkpoint: Checkpoint) -> None:
        await asyncio.to_thread(append_line, self.path, json.dumps(checkpoint.as_json()))

    async def seen(self) -> list[Checkpoint]:
        return await asyncio.to_thread(self._read)

    def _read(self) -> list[Checkpoint]:
        if not self.path.exists():
            return []
        checkpoints = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                checkpoints.append(Checkpoint.from_json(json.loads(line)))
            except ValueError:  # a line cut short by a crash: its checkpoint was never final
                continue
        return checkpoints
