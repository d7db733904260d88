"""Checking a file while it streams to the blob store: its size, its SHA-256, and what its
first bytes say it is. Nothing trusts the client's Content-Type."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

from application.errors import InvalidInput

MAX_BYTES = 20 * 1024 * 1024
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
_SNIFF = max(len(signature) for signature, _ in _SIGNATURES)


class TooLarge(Exception):
    """More than :data:`MAX_BYTES`: the upload stops there."""


def content_type(head: bytes) -> str | None:
    return next((kind for signature, kind in _SIGNATURES if head.startswith(signature)), None)


class Upload:
    """Wraps the request's chunks: counts, hashes and keeps the first bytes as they pass."""

    def __init__(self, chunks: AsyncIterator[bytes], limit: int = MAX_BYTES) -> None:
        self._chunks = chunks
        self._limit = limit
        self._digest = hashlib.sha256()
        self._head = b""
        self.size = 0

    async def stream(self) -> AsyncIterator[bytes]:
        async for chunk in self._chunks:
            if not chunk:
                continue
            self.size += len(chunk)
            if self.size > self._limit:
                raise TooLarge()
            self._digest.update(chunk)
            if len(self._head) < _SNIFF:
                self._head += chunk[: _SNIFF - len(self._head)]
            yield chunk

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def checked_type(self, declared_sha256: str | None) -> str:
        """The sniffed media type once the whole file passed; 422 naming what is wrong."""
        if self.size == 0:
            raise InvalidInput("body", "the file is empty")
        kind = content_type(self._head)
        if kind is None:
            raise InvalidInput("body", "only PDF, JPEG and PNG files are taken")
        if declared_sha256 is not None and declared_sha256.lower() != self.sha256:
            raise InvalidInput("sha256", "the file's SHA-256 differs from the one declared")
        return kind
