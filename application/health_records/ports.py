"""What the health records need from outside: a key per person, a cipher, and a ledger
of erasures that outlives database restores."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID


class PersonKeys(Protocol):
    """Data keys, one per person, kept wrapped by a master key in durable storage."""

    async def key_for(self, person_id: UUID) -> bytes | None:
        """The person's key, created on first use; None once it was shredded."""
        ...

    async def shred(self, person_id: UUID) -> None:
        """Destroy the key for good (idempotent): a tombstone stops :meth:`key_for` from
        making a new one."""
        ...

    async def is_shredded(self, person_id: UUID) -> bool: ...

    def mac(self, data: bytes) -> bytes:
        """A keyed digest under a key derived from the master key: what the idempotency
        records keep of requests that may hold personal data."""
        ...

    async def close(self) -> None: ...


class Cipher(Protocol):
    """Authenticated encryption: ``context`` binds a ciphertext to its person."""

    def encrypt(self, key: bytes, plaintext: bytes, context: bytes) -> bytes: ...

    def decrypt(self, key: bytes, ciphertext: bytes, context: bytes) -> bytes: ...


class ErasureLedger(Protocol):
    """The persons erased so far, kept apart from the database and its backups, so an
    erasure is re-applied when an older backup is restored."""

    async def record(self, person_id: UUID) -> None:
        """Durable before it returns."""
        ...

    async def erased(self) -> list[UUID]: ...
