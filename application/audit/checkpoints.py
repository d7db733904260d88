"""Signing checkpoints of the chain's head, at a pace and on demand, and judging the log
against every checkpoint seen (``domain/audit/checkpoint.py`` says why).

A checkpoint is an event of the log (so the feed, the broker and the webhooks carry it
like any other) and a line of the ledger outside the database. Verifying reads the
ledger and any checkpoints handed in (a file, a URL): each must bear this server's
signature, then the log must reach its position with the same hash there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from eventsourcing.utils import get_topic

from application.audit.ports import Checkpoint, CheckpointKey, CheckpointLedger
from application.chain import ChainReport, verify_chain
from application.ports import Clock, ConcurrencyError, RecordedEvent, StoreUnavailable
from application.repository import Repository
from application.tasks import stop_tasks
from domain.audit.checkpoint import ChainCheckpoint

SIGNED_TOPIC = get_topic(ChainCheckpoint.Signed)


class Checkpoints:
    def __init__(
        self, repository: Repository, clock: Clock, key: CheckpointKey, ledger: CheckpointLedger
    ) -> None:
        self.repository = repository
        self.clock = clock
        self.key = key
        self.ledger = ledger
        self._task: asyncio.Task[None] | None = None

    async def take(self) -> Checkpoint | None:
        """Sign the head of the log; None for an empty log. When the head is a checkpoint
        already, nothing has happened since: that one is the answer."""
        head = await self._head()
        if head is None:
            return None
        if head.type == SIGNED_TOPIC:
            signed = self.repository.decode(head)
            return Checkpoint(
                signed.position,
                signed.chain_hash,
                signed.signed_at,
                signed.key_id,
                signed.signature,
            )
        at = self.clock.now()
        unsigned = Checkpoint(head.position, head.hash.hex(), at, self.key.key_id, "")
        signature = self.key.sign(unsigned.signed_bytes)
        checkpoint = Checkpoint(head.position, head.hash.hex(), at, self.key.key_id, signature)
        signed = ChainCheckpoint.sign(
            head.position, checkpoint.chain_hash, at, self.key.key_id, signature
        )
        with suppress(ConcurrencyError):  # another server signed this head: the same facts
            await self.repository.save([signed], {})
        await self.ledger.record(checkpoint)
        return checkpoint

    async def verify(self, handed: Sequence[Checkpoint] = ()) -> ChainReport:
        """The chain, and the log against the ledger's checkpoints and ``handed``."""
        seen = [*await self.ledger.seen(), *handed]
        for checkpoint in seen:
            if not self.key.verifies(checkpoint.signed_bytes, checkpoint.signature):
                problem = f"the checkpoint at {checkpoint.position} is not signed by this key"
                return ChainReport(False, 0, checkpoint.position, problem)
        hashes = {c.position: bytes.fromhex(c.chain_hash) for c in seen}
        return await verify_chain(self.repository.store, checkpoints=hashes)

    def start(self, every_seconds: float) -> None:
        """Sign a checkpoint every ``every_seconds`` (0: never) until :meth:`stop`."""
        if self._task is None and every_seconds > 0:
            self._task = asyncio.create_task(self._pace(every_seconds), name="chain_checkpoints")

    async def stop(self) -> None:
        if self._task is not None:
            await stop_tasks([self._task])
            self._task = None

    async def _pace(self, every_seconds: float) -> None:
        while True:
            await asyncio.sleep(every_seconds)
            with suppress(StoreUnavailable):  # the next one covers this one's events
                await self.take()

    async def _head(self) -> RecordedEvent | None:
        position = await self.repository.store.last_position()
        if position == 0:
            return None
        events = self.repository.store.read_all(position - 1, 1)
        try:
            return await anext(events, None)
        finally:
            aclose: Any = getattr(events, "aclose", None)
            if aclose is not None:
                await aclose()


def checkpoints_in(document: Any) -> list[Checkpoint]:
    """Checkpoints from what ``motcua verify --checkpoint`` was given: one checkpoint, a list
    of them, or a page of the event feed (``{"items": [CloudEvent…]}``, whose
    ``vn.gov.motcua.audit.checkpointed`` items carry one each in ``data``)."""
    if isinstance(document, dict) and "items" in document:
        document = [
            item["data"]
            for item in document["items"]
            if isinstance(item, dict) and str(item.get("type", "")).endswith("checkpointed")
        ]
    if isinstance(document, list):
        return [Checkpoint.from_json(item) for item in document]
    return [Checkpoint.from_json(document)]
