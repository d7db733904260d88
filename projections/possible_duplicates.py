"""Possible duplicates: the open dossiers of one citizen under one procedure.

A filing asks this view whether the same citizen already has an open dossier of the same
procedure, and flags the new one with their codes (for the staff: the citizen may have
reasons to file again). The view holds one row per open dossier: a keyed print of the
applicant's citizen id (an HMAC under a key derived from the master key, never the id
itself, nor a bare hash that trying every 12-digit id would undo), the procedure, the
code. A dossier's row goes when it ends (result returned, refused at intake, withdrawn,
stopped). Only the dossier's first and last events matter, so the projection needs no
dossier state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from domain.dossiers.dossier import Dossier
from projections.dossier_states import topics_of
from projections.ports import Envelope

CitizenPrint = Callable[[str], str]
"""A citizen id → its keyed print (the same id gives the same print, across restarts)."""


@dataclass(frozen=True)
class OpenDossier:
    dossier_id: str
    code: str
    citizen: str
    """The keyed print of the applicant's citizen id."""
    procedure: str


class PossibleDuplicatesView(Protocol):
    async def put(self, dossier: OpenDossier) -> None: ...

    async def remove(self, dossier_id: str) -> None:
        """The dossier ended (or was never there): nothing to find any more."""
        ...


SHOWN = 10
"""How many possible duplicates a filing records at most. They go into its first event
and every view document of the dossier: a citizen with hundreds of open dossiers of one
procedure (an organisation's representative, a load test filing one body) made every new
event and row grow with them, each filing slower than the last."""


class PossibleDuplicatesReader(Protocol):
    async def codes(self, citizen: str, procedure: str, limit: int) -> list[str]:
        """The codes of the open dossiers of this citizen's print and procedure, in code
        order, the first ``limit`` of them."""
        ...


_ENDS = (Dossier.IntakeRefused, Dossier.ResultReturned, Dossier.Withdrawn, Dossier.Stopped)


class PossibleDuplicatesProjection:
    name = "possible_duplicates"
    version = 1
    topics: frozenset[str] | None = topics_of(Dossier.Submitted, *_ENDS)

    def __init__(self, citizen_print: CitizenPrint) -> None:
        self.citizen_print = citizen_print

    async def handle(self, envelope: Envelope, view: PossibleDuplicatesView) -> None:
        event = envelope.event
        dossier_id = str(envelope.recorded.stream_id)
        if isinstance(event, Dossier.Submitted):
            citizen = self.citizen_print(event.applicant.citizen_id)
            await view.put(OpenDossier(dossier_id, event.code, citizen, event.procedure_code))
        elif isinstance(event, _ENDS):
            await view.remove(dossier_id)


class PossibleDuplicates:
    """What a filing asks; ``caught_up`` first waits (boundedly) for the view to include
    every dossier filed before the question."""

    def __init__(
        self,
        reader: PossibleDuplicatesReader,
        citizen_print: CitizenPrint,
        caught_up: Callable[[], Awaitable[object]] | None = None,
    ) -> None:
        self.reader = reader
        self.citizen_print = citizen_print
        self.caught_up = caught_up

    async def open_codes(self, citizen_id: str, procedure_code: str) -> tuple[str, ...]:
        if self.caught_up is not None:
            await self.caught_up()
        print_ = self.citizen_print(citizen_id)
        return tuple(await self.reader.codes(print_, procedure_code, SHOWN))
