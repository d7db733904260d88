"""Where a dossier's files live: a blob store, by key. The log holds each file's hash,
size and type; the store only its bytes (a folder by default, S3-compatible in
production)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol


class BlobStore(Protocol):
    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> None:
        """Store the chunks under ``key`` as they come (never the whole file in memory);
        an exception from ``chunks`` leaves nothing stored under ``key``."""

    def get(self, key: str) -> AsyncIterator[bytes]:
        """The bytes stored under ``key``, chunk by chunk; KeyError when there are none."""

    async def delete(self, key: str) -> None:
        """Forget ``key`` (nothing happens when it holds nothing)."""
