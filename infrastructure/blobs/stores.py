"""``MOTCUA_BLOB_URL`` → a blob store: ``s3://bucket`` (S3-compatible), ``file:///path``
(a folder), or by default a folder ``motcua-blobs`` beside the SQLite database (in
process memory for a ``memory://`` store)."""

from __future__ import annotations

from pathlib import Path

from application.attachments.ports import BlobStore
from infrastructure.blobs.folder import FolderBlobStore
from infrastructure.blobs.memory import MemoryBlobStore
from infrastructure.settings import Settings

_SQLITE = "sqlite:///"


def open_blobs(settings: Settings) -> BlobStore:
    url = settings.blob_url
    if url is not None and url.startswith("s3://"):
        # Imported here: aiobotocore takes a third of a second to import, and a server
        # restarting after a crash should not wait for what it does not use.
        from infrastructure.blobs.s3 import S3BlobStore

        return S3BlobStore(url.removeprefix("s3://").strip("/"), settings.s3_endpoint_url)
    if url is not None and url.startswith("file://"):
        return FolderBlobStore(Path(url.removeprefix("file://")))
    if url is not None:
        raise ValueError("MOTCUA_BLOB_URL is s3://bucket or file:///folder")
    if settings.database_url.startswith("memory://"):
        return MemoryBlobStore()
    if settings.database_url.startswith(_SQLITE):
        database = Path(settings.database_url.removeprefix(_SQLITE))
        return FolderBlobStore(database.parent / "motcua-blobs")
    return FolderBlobStore(Path("motcua-blobs"))
