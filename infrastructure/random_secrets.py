"""Ids and lookup secrets from the operating system's randomness."""

from __future__ import annotations

import secrets
from uuid import UUID, uuid4

# No 0/O or 1/I/L: the secret is read off paper and typed in by hand.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class RandomSecrets:
    def __init__(self, length: int = 10) -> None:
        self.length = length

    def new_id(self) -> UUID:
        return uuid4()

    def new_lookup_secret(self) -> str:
        return "".join(secrets.choice(_ALPHABET) for _ in range(self.length))
