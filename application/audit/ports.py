"""What signing and keeping the chain's checkpoints needs from the outside: a key that
never enters the database, and a ledger of checkpoints apart from it (so that a restored,
cut or rewritten database is judged against what was signed before)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from domain.audit.checkpoint import signed_bytes


@dataclass(frozen=True)
class Checkpoint:
    position: int
    chain_hash: str
    signed_at: datetime
    key_id: str
    signature: str

    @property
    def signed_bytes(self) -> bytes:
        return signed_bytes(self.position, self.chain_hash, self.signed_at, self.key_id)

    def as_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "chain_hash": self.chain_hash,
            "signed_at": self.signed_at.isoformat(),
            "key_id": self.key_id,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, data: Any) -> Checkpoint:
        """A checkpoint as :meth:`as_json` writes it (ValueError for anything else)."""
        try:
            return cls(
                int(data["position"]),
                str(data["chain_hash"]),
                datetime.fromisoformat(str(data["signed_at"])),
                str(data["key_id"]),
                str(data["signature"]),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a checkpoint: {error}") from None


class CheckpointKey(Protocol):
    key_id: str

    def sign(self, data: bytes) -> str:
        """The signature of ``data``, base64."""
        ...

    def verifies(self, data: bytes, signature: str) -> bool: ...


class CheckpointLedger(Protocol):
    async def record(self, checkpoint: Checkpoint) -> None: ...

    async def seen(self) -> list[Checkpoint]: ...
