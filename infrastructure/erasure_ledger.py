"""The erasure ledger as a file of person ids, one a line, beside the master key and
apart from the database: restoring a database backup does not restore it, so erasures
made after the backup are applied again at the next start."""

from __future__ import annotations

import asyncio
from pathlib import Path
from uuid import UUID

from infrastructure.append_only import append_line


class FileErasureLedger:
    def __init__(self, path: Path) -> None:
        self.path = path

    async def record(self, person_id: UUID) -> None:
        await asyncio.to_thread(append_line, self.path, str(person_id))

    async def erased(self) -> list[UUID]:
        return await asyncio.to_thread(self._read)

    def _read(self) -> list[UUID]:
        if not self.path.exists():
            return []
        lines = self.path.read_text(encoding="ascii").splitlines()
        # a line cut short by a crash was never followed by its shredding: skip it
        return list(dict.fromkeys(UUID(line) for line in lines if _is_uuid(line)))


def _is_uuid(line: str) -> bool:
    try:
        UUID(line)
    except ValueError:
        return False
    return True
