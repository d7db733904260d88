"""Blobs in process memory, for tests."""

from __future__ import annotations

from collections.abc import AsyncIterator


class MemoryBlobStore:
    def __init__(self) -> None:
        self._blobs: dict[str, bytes] = {}

    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> None:
        parts = [chunk async for chunk in chunks]
        self._blobs[key] = b"".join(parts)

    async def get(self, key: str) -> AsyncIterator[bytes]:
        if key not in self._blobs:
            raise KeyError(key)
        yield self._blobs[key]

    async def delete(self, key: str) -> None:
        self._blobs.pop(key, None)
