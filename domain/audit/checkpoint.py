"""A signed checkpoint of the log's hash chain: "at position N the chain's hash was H",
signed by the server's checkpoint key at a time. Published (feed, broker, webhooks) and
kept outside the database, it lets anyone who saw it catch a log later cut short before
N, or rewritten whole (every hash recomputed) so that position N no longer hashes to H:
what the chain alone cannot catch.

One stream per checkpoint, its id named by the position, so two servers checkpointing
the same head record it once.
"""

from __future__ import annotations

from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.fields import Sha256

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:chain-checkpoint")


class ChainCheckpoint(Aggregate):
    class Signed(Aggregate.Created):
        position: int
        chain_hash: Sha256
        """The stored hash of the event at ``position``, hex."""
        signed_at: datetime
        key_id: str
        """Which key signed: the first 16 hex digits of SHA-256 of its public key."""
        signature: str
        """Ed25519 over :func:`signed_bytes`, base64."""

    @staticmethod
    def id_for(position: int) -> UUID:
        return uuid5(_NAMESPACE, str(position))

    @event(Signed)
    def __init__(
        self,
        id: UUID,
        position: int,
        chain_hash: str,
        signed_at: datetime,
        key_id: str,
        signature: str,
        timestamp: datetime,
    ) -> None:
        self.position = position
        self.chain_hash = chain_hash
        self.signed_at = signed_at
        self.key_id = key_id
        self.signature = signature

    @classmethod
    def sign(
        cls, position: int, chain_hash: str, signed_at: datetime, key_id: str, signature: str
    ) -> ChainCheckpoint:
        return cls(
            cls.id_for(position), position, chain_hash, signed_at, key_id, signature, signed_at
        )


def signed_bytes(position: int, chain_hash: str, signed_at: datetime, key_id: str) -> bytes:
    """What the signature covers: one line of text, the same for every verifier."""
    return f"motcua-checkpoint/1 {position} {chain_hash} {signed_at.isoformat()} {key_id}".encode()
