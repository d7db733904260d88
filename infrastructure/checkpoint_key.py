"""The chain checkpoints' signing key: Ed25519 (``cryptography``), its 32-byte seed from
``MOTCUA_CHECKPOINT_KEY`` or derived from the master key, never in the database:
whoever can rewrite the database must not be able to sign for the rewritten log."""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


class BadCheckpointKey(ValueError):
    pass


class Ed25519CheckpointKey:
    def __init__(self, seed: bytes) -> None:
        self._private = Ed25519PrivateKey.from_private_bytes(seed)
        self._public = self._private.public_key()
        self.public_bytes = self._public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = hashlib.sha256(self.public_bytes).hexdigest()[:16]

    @classmethod
    def parse(cls, encoded: str) -> Ed25519CheckpointKey:
        """``MOTCUA_CHECKPOINT_KEY``: base64 of a 32-byte seed."""
        try:
            seed = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise BadCheckpointKey("MOTCUA_CHECKPOINT_KEY must be base64 of 32 bytes") from None
        if len(seed) != 32:
            raise BadCheckpointKey(
                f"MOTCUA_CHECKPOINT_KEY must decode to 32 bytes, not {len(seed)}"
            )
        return cls(seed)

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self._private.sign(data)).decode("ascii")

    def verifies(self, data: bytes, signature: str) -> bool:
        try:
            self._public.verify(base64.b64decode(signature, validate=True), data)
        except (InvalidSignature, binascii.Error, ValueError):
            return False
        return True
