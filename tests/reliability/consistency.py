"""What must hold in a store after any crash: read straight from the store, not the API.

- every code a receipt register entered belongs to a dossier, and every dossier's code
  was entered by its register (a filing is the register's entry *and* the dossier, or
  neither);
- a dossier filed at the desk was received in the same append (never left ``submitted``);
- the hash chain verifies (``motcua verify``, run as the operator would).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from application.encoding import new_mapper
from application.repository import Repository
from domain.dossiers.dossier import Dossier
from domain.dossiers.register import ReceiptRegister
from domain.dossiers.status import Channel, Status
from infrastructure.stores import open_store
from tests.reliability.server import MOTCUA, Server


@dataclass
class StoreContents:
    events: int = 0
    dossiers: dict[UUID, Dossier] = field(default_factory=dict)
    register_codes: set[str] = field(default_factory=set)
    filed_by: dict[UUID, str] = field(default_factory=dict)
    """Each dossier's filer (``sub`` of its first event's actor)."""

    @property
    def dossier_codes(self) -> set[str]:
        return {dossier.code for dossier in self.dossiers.values()}

    def half_applied(self) -> list[str]:
        """Filings whose register entry and dossier are not both there; desk filings
        left unreceived."""
        problems = [f"entered, no dossier: {c}" for c in self.register_codes - self.dossier_codes]
        problems += [f"dossier, no entry: {c}" for c in self.dossier_codes - self.register_codes]
        problems += [
            f"desk filing never received: {d.code}"
            for d in self.dossiers.values()
            if d.channel != Channel.ONLINE and d.status == Status.SUBMITTED
        ]
        return problems


async def read_contents(database_url: str) -> StoreContents:
    store = await open_store(database_url, migrate=False)
    try:
        repository = Repository(store, new_mapper())
        streams: dict[UUID, str] = {}
        contents = StoreContents()
        async for event in store.read_all():
            streams[event.stream_id] = event.stream_type
            contents.events += 1
            if event.stream_type == Dossier.__name__ and event.version == 1:
                contents.filed_by[event.stream_id] = event.metadata["actor"]["sub"]
        for stream_id, stream_type in streams.items():
            if stream_type == Dossier.__name__:
                dossier = await repository.get(Dossier, stream_id)
                assert dossier is not None
                contents.dossiers[stream_id] = dossier
            elif stream_type == ReceiptRegister.__name__:
                register = await repository.get(ReceiptRegister, stream_id)
                assert register is not None
                contents.register_codes |= {
                    f"{register.unit}-{register.day:%y%m%d}-{n:04d}"
                    for n in range(1, register.entries + 1)
                }
        return contents
    finally:
        await store.close()


def verify_chain(server: Server) -> str:
    """``motcua verify`` on the server's store; its output, or an AssertionError."""
    result = subprocess.run(
        [str(MOTCUA), "verify"],
        env=server.environment(),
        cwd=Path(server.directory),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"motcua verify: {result.stdout} {result.stderr}"
    return result.stdout.strip()
