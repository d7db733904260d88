"""One contract for every blob store: memory, a folder, and S3 (a moto server the test
runs on loopback)."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer

from application.attachments.ports import BlobStore
from infrastructure.blobs.folder import FolderBlobStore
from infrastructure.blobs.memory import MemoryBlobStore
from infrastructure.blobs.s3 import S3BlobStore

BUCKET = "motcua-test"


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    os.environ.update(
        AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1"
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(params=["memory", "folder", "s3"])
async def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    if request.param == "memory":
        return MemoryBlobStore()
    if request.param == "folder":
        return FolderBlobStore(tmp_path / "blobs")
    endpoint: str = request.getfixturevalue("s3_endpoint")
    store = S3BlobStore(BUCKET, endpoint_url=endpoint)
    async with store._client() as s3:
        existing = [b["Name"] for b in (await s3.list_buckets())["Buckets"]]
        if BUCKET not in existing:
            await s3.create_bucket(Bucket=BUCKET)
    return store


async def chunks_of(data: bytes, size: int = 1 << 20) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def read(blobs: BlobStore, key: str) -> bytes:
    return b"".join([chunk async for chunk in blobs.get(key)])


async def test_a_blob_comes_back_whole_and_goes(blobs: BlobStore) -> None:
    data = os.urandom(9 * 1024 * 1024 + 17)  # more than one S3 part
    await blobs.put("dossiers/a/1", chunks_of(data))
    assert await read(blobs, "dossiers/a/1") == data
    await blobs.put("dossiers/a/empty", chunks_of(b""))
    assert await read(blobs, "dossiers/a/empty") == b""
    await blobs.delete("dossiers/a/1")
    with pytest.raises(KeyError):
        await read(blobs, "dossiers/a/1")
    await blobs.delete("dossiers/a/1")  # deleting nothing is no error


async def test_a_failed_upload_leaves_nothing_under_its_key(blobs: BlobStore) -> None:
    async def breaking() -> AsyncIterator[bytes]:
        yield b"%PDF-1.7 " * 1000
        raise ConnectionResetError("the client went away")

    with pytest.raises(ConnectionResetError):
        await blobs.put("dossiers/b/1", breaking())
    with pytest.raises(KeyError):
        await read(blobs, "dossiers/b/1")
