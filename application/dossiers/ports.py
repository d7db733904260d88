"""What the dossier use cases ask of the read side."""

from __future__ import annotations

from typing import Protocol


class OpenDossiers(Protocol):
    async def open_codes(self, citizen_id: str, procedure_code: str) -> tuple[str, ...]:
        """The codes of the open dossiers of this citizen under this procedure (the
        possible duplicates of a new filing), a bounded number of them."""
        ...
