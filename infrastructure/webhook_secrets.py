"""Webhook signing secrets sealed like personal data: AES-256-GCM under a key of the
subscription's own, kept wrapped by the master key with the person keys
(``application/health_records/personal_data.py``). The event store, backups and the audit
log hold ciphertext only; shredding the subscription's key would end its deliveries."""

from __future__ import annotations

from uuid import UUID

from cryptography.exceptions import InvalidTag

from application.health_records.personal_data import ERASED, PersonalData
from domain.health_records.values import Sealed


class SealedSecrets:
    def __init__(self, personal: PersonalData) -> None:
        self.personal = personal

    async def seal(self, owner: UUID, secret: str) -> str:
        return (await self.personal.sealer(owner))(secret).token

    async def open(self, owner: UUID, sealed: str) -> str | None:
        """None when the key is gone, or is not the one it was sealed with (a database
        restored without it): that subscription cannot sign, the others go on."""
        try:
            opened = (await self.personal.opener(owner))(Sealed(sealed))
        except InvalidTag:
            return None
        return None if opened in (None, ERASED) else opened
