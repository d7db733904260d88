"""``motcua verify`` on the store alone: the App reads the unit registry as it starts, and an
altered registry event must be reported by the check, not stop it before it runs."""

from __future__ import annotations

from collections.abc import Sequence

from application.audit.checkpoints import Checkpoints
from application.audit.ports import Checkpoint
from application.chain import ChainReport
from application.encoding import new_mapper
from application.repository import Repository
from infrastructure.checkpoint_adapters import open_checkpoint_adapters
from infrastructure.clock import SystemClock
from infrastructure.settings import Settings
from infrastructure.stores import open_store


async def verify_log(settings: Settings, handed: Sequence[Checkpoint] = ()) -> ChainReport:
    """The chain, and the log against every checkpoint seen (the ledger's, and ``handed``)."""
    store = await open_store(
        settings.database_url,
        lock_timeout=settings.store_timeout_seconds,
        migrate=False,
        allow_unsafe_durability=settings.allow_unsafe_durability,
    )
    adapters = open_checkpoint_adapters(settings)
    checkpoints = Checkpoints(
        Repository(store, new_mapper()), SystemClock(), adapters.key, adapters.ledger
    )
    try:
        return await checkpoints.verify(handed)
    finally:
        await store.close()
