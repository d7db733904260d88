"""Sealing personal data with the person's own key, and crypto-shredding it.

A value is encrypted before it reaches an event (:class:`Sealed`), so events, read models
and backups only ever hold ciphertext. Erasure destroys the person's key: the events stay
as they were stored, their hash chain intact, and what they sealed is unreadable forever.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Callable
from uuid import UUID

from application.errors import Gone
from application.health_records import sealed_files
from application.health_records.ports import Cipher, ErasureLedger, PersonKeys
from domain.health_records.errors import RecordErased
from domain.health_records.values import Sealed

ERASED = "[erased]"
Opener = Callable[[Sealed | None], str | None]


class PersonalData:
    def __init__(self, keys: PersonKeys, cipher: Cipher, ledger: ErasureLedger) -> None:
        self.keys = keys
        self.cipher = cipher
        self.ledger = ledger

    async def sealer(self, person_id: UUID) -> Callable[[str], Sealed]:
        """Seals values for ``person_id`` (creating the key on first use)."""
        key = await self.keys.key_for(person_id)
        if key is None:
            raise RecordErased()

        def seal(text: str) -> Sealed:
            ciphertext = self.cipher.encrypt(key, text.encode(), person_id.bytes)
            return Sealed(base64.b64encode(ciphertext).decode("ascii"))

        return seal

    async def opener(self, person_id: UUID) -> Opener:
        """Opens values sealed for ``person_id``; each reads ``[erased]`` once its key is
        gone."""
        key = await self.keys.key_for(person_id)

        def open_(sealed: Sealed | None) -> str | None:
            if sealed is None:
                return None
            if key is None:
                return ERASED
            ciphertext = base64.b64decode(sealed.token)
            return self.cipher.decrypt(key, ciphertext, person_id.bytes).decode()

        return open_

    async def seal_file(
        self, person_id: UUID, blob: str, chunks: AsyncIterator[bytes]
    ) -> AsyncIterator[bytes]:
        """``chunks`` sealed for ``person_id`` as they pass, for the blob ``blob``
        (the format: :mod:`.sealed_files`)."""
        key = await self.keys.key_for(person_id)
        if key is None:
            raise RecordErased()
        context = sealed_files.file_context(person_id.bytes, blob)
        return sealed_files.seal(self.cipher, key, context, chunks)

    async def open_file(
        self, person_id: UUID, blob: str, chunks: AsyncIterator[bytes]
    ) -> AsyncIterator[bytes]:
        """The file stored as ``blob``, opened as it streams; :class:`Gone` once the
        person's key is shredded."""
        key = await self.keys.key_for(person_id)
        if key is None:
            raise Gone("the file was erased with the person's data")
        context = sealed_files.file_context(person_id.bytes, blob)
        return sealed_files.open_sealed(self.cipher, key, context, chunks)

    async def erase(self, person_id: UUID) -> None:
        """Shred the person's key; the ledger first, so a crash in between is finished
        by :meth:`reapply_erasures` at the next start."""
        await self.ledger.record(person_id)
        await self.keys.shred(person_id)

    async def reapply_erasures(self) -> int:
        """Shred again every key the ledger lists that storage still holds (a backup from
        before the erasure was restored); return how many."""
        again = 0
        for person_id in await self.ledger.erased():
            if not await self.keys.is_shredded(person_id):
                await self.keys.shred(person_id)
                again += 1
        return again
