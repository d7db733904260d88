"""AES-256-GCM (the ``cryptography`` package): the cipher of personal data, the wrapping
of each person's key by the master key, and where the master key comes from.

Every ciphertext is ``nonce (12 bytes) || ciphertext and tag``, with the person's id as
associated data, so a value sealed for one person does not open as another's.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from pathlib import Path
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
_NONCE_BYTES = 12


class BadMasterKey(ValueError):
    pass


class AesGcmCipher:
    def encrypt(self, key: bytes, plaintext: bytes, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + AESGCM(key).encrypt(nonce, plaintext, context)

    def decrypt(self, key: bytes, ciphertext: bytes, context: bytes) -> bytes:
        return AESGCM(key).decrypt(ciphertext[:_NONCE_BYTES], ciphertext[_NONCE_BYTES:], context)


class KeyWrap:
    """Person keys as storage keeps them: encrypted under the master key."""

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != KEY_BYTES:
            raise BadMasterKey(f"the master key must be {KEY_BYTES} bytes")
        self._master = master_key
        self._cipher = AesGcmCipher()
        self._mac_key = hmac.digest(master_key, b"motcua request fingerprints", "sha256")

    def mac(self, data: bytes) -> bytes:
        """HMAC-SHA256 under a key derived from the master key (not the master key itself)."""
        return hmac.digest(self._mac_key, data, "sha256")

    def new_wrapped_key(self, person_id: UUID) -> bytes:
        return self.wrap(person_id, AESGCM.generate_key(bit_length=KEY_BYTES * 8))

    def wrap(self, person_id: UUID, key: bytes) -> bytes:
        return self._cipher.encrypt(self._master, key, person_id.bytes)

    def unwrap(self, person_id: UUID, wrapped: bytes) -> bytes:
        return self._cipher.decrypt(self._master, wrapped, person_id.bytes)


def random_master_key() -> bytes:
    return os.urandom(KEY_BYTES)


def parse_master_key(encoded: str) -> bytes:
    """``MOTCUA_MASTER_KEY``: base64 of 32 bytes."""
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise BadMasterKey("MOTCUA_MASTER_KEY must be base64 of 32 random bytes") from None
    if len(key) != KEY_BYTES:
        raise BadMasterKey(f"MOTCUA_MASTER_KEY must decode to {KEY_BYTES} bytes, not {len(key)}")
    return key


def master_key_file(path: Path) -> bytes:
    """The master key kept in ``path``, created (mode 0600) with a random key when absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return parse_master_key(path.read_text(encoding="ascii"))
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(base64.b64encode(random_master_key()).decode("ascii") + "\n")
        file.flush()
        os.fsync(file.fileno())
    return parse_master_key(path.read_text(encoding="ascii"))
