"""A file sealed with its person's key as it streams: chunked authenticated encryption.

Format (version 1). The plaintext is cut into chunks of :data:`CHUNK` bytes (64 KiB); the
last one holds the rest (0 to 64 KiB; a whole file always ends in exactly one last
chunk). Each chunk is sealed on its own by the :class:`Cipher` (AES-256-GCM: a fresh
12-byte random nonce, the ciphertext, a 16-byte tag) and the sealed chunks are stored one
after another, so every chunk but the last takes exactly :data:`RECORD` bytes::

    nonce(12) || AES-GCM(key, chunk_i, ad_i) (len(chunk_i) + 16)   for i = 0, 1, ...

    ad_i = "motcua-sealed-file/1" || person id (16) || len(blob key) (2) || blob key
           || i (8, big-endian) || 1 if chunk i is the last else 0 (1)

The associated data binds each chunk to its person (it opens with no one else's key), to
its file (chunks spliced in from another file fail), to its place (reordered or repeated
chunks fail) and says which is last (a file cut short at a chunk boundary fails: its new
last chunk was sealed as not last). Random nonces keep the :class:`Cipher` port as it is;
at 2^32 chunks per key they stay far from a collision. Neither side ever holds more than
two chunks. Shredding the person's key leaves every byte unreadable.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from application.health_records.ports import Cipher

CHUNK = 64 * 1024
_OVERHEAD = 12 + 16
RECORD = CHUNK + _OVERHEAD
_LABEL = b"motcua-sealed-file/1"


class DamagedFile(Exception):
    """The stored bytes are not a file sealed under this key and name (cut, altered)."""


def _associated(context: bytes, index: int, last: bool) -> bytes:
    return context + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def file_context(person: bytes, blob: str) -> bytes:
    name = blob.encode()
    return _LABEL + person + len(name).to_bytes(2, "big") + name


async def _cut(chunks: AsyncIterator[bytes], size: int) -> AsyncIterator[tuple[bytes, bool]]:
    """``chunks`` as pieces of ``size`` bytes, each with whether it is the last; the last
    holds the rest (maybe nothing)."""
    buffer = bytearray()
    async for chunk in chunks:
        buffer += chunk
        while len(buffer) > size:
            yield bytes(buffer[:size]), False
            del buffer[:size]
    yield bytes(buffer), True


async def seal(
    cipher: Cipher, key: bytes, context: bytes, chunks: AsyncIterator[bytes]
) -> AsyncIterator[bytes]:
    index = 0
    async for piece, last in _cut(chunks, CHUNK):
        yield cipher.encrypt(key, piece, _associated(context, index, last))
        index += 1


async def open_sealed(
    cipher: Cipher, key: bytes, context: bytes, chunks: AsyncIterator[bytes]
) -> AsyncIterator[bytes]:
    index = 0
    async for record, last in _cut(chunks, RECORD):
        if len(record) < _OVERHEAD:
            raise DamagedFile("a sealed chunk is shorter than its nonce and tag")
        try:
            piece = cipher.decrypt(key, record, _associated(context, index, last))
        except Exception as failed:  # the cipher's own refusal (InvalidTag)
            raise DamagedFile(f"chunk {index} does not open") from failed
        yield piece
        index += 1
