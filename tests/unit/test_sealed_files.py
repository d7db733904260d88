"""A file sealed for a person as it streams (application.health_records.sealed_files):
whatever the chunking on the way in and out, it opens to the same bytes under the same
person and blob; cut short, reordered, spliced from another file or opened under another
person or name, it refuses to open."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from application.health_records.sealed_files import (
    CHUNK,
    RECORD,
    DamagedFile,
    file_context,
    open_sealed,
    seal,
)
from infrastructure.crypto import AesGcmCipher

CIPHER = AesGcmCipher()
KEY = bytes(range(32))
PERSON = uuid4().bytes
CONTEXT = file_context(PERSON, "health-records/1/a")
sizes = st.sampled_from([0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17])


async def chunks_of(data: bytes, cuts: Iterable[int]) -> AsyncIterator[bytes]:
    start = 0
    for cut in sorted(set(cuts)):
        yield data[start:cut]
        start = cut
    yield data[start:]


async def gather(chunks: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in chunks])


def sealed(data: bytes, cuts: Iterable[int] = (), context: bytes = CONTEXT) -> bytes:
    return asyncio.run(gather(seal(CIPHER, KEY, context, chunks_of(data, cuts))))


def opened(stored: bytes, cuts: Iterable[int] = (), context: bytes = CONTEXT) -> bytes:
    return asyncio.run(gather(open_sealed(CIPHER, KEY, context, chunks_of(stored, cuts))))


@settings(max_examples=30, deadline=None)
@given(size=sizes, data=st.data())
def test_any_file_in_any_chunking_opens_to_the_same_bytes(size: int, data: st.DataObject) -> None:
    plain = bytes(i % 251 for i in range(size))
    cuts_in = data.draw(st.lists(st.integers(0, size), max_size=5))
    stored = sealed(plain, cuts_in)
    # One last chunk always; every one but the last exactly a record long.
    assert len(stored) == size + 28 * (max(size - 1, 0) // CHUNK + 1)
    cuts_out = data.draw(st.lists(st.integers(0, len(stored)), max_size=5))
    assert opened(stored, cuts_out) == plain


def test_a_file_cut_short_reordered_spliced_or_misnamed_does_not_open() -> None:
    plain = b"%PDF-" + bytes(3 * CHUNK)
    stored = sealed(plain)
    first, second, rest = stored[:RECORD], stored[RECORD : 2 * RECORD], stored[2 * RECORD :]
    other = sealed(plain, context=file_context(PERSON, "health-records/1/b"))
    bad = {
        "cut at a chunk boundary": first + second,
        "cut inside a chunk": stored[:-1],
        "reordered": second + first + rest,
        "a chunk from another file": other[:RECORD] + second + rest,
        "empty": b"",
    }
    for why, stored_bad in bad.items():
        with pytest.raises(DamagedFile):
            opened(stored_bad)
            pytest.fail(f"opened though {why}")
    # Another person's file, or the same person's under another blob name.
    for context in (file_context(uuid4().bytes, "health-records/1/a"), other_name()):
        with pytest.raises(DamagedFile):
            opened(stored, context=context)


def other_name() -> bytes:
    return file_context(PERSON, "health-records/1/a2")
