"""Blobs in an S3-compatible bucket (``MOTCUA_BLOB_URL=s3://bucket``; the endpoint and
credentials from ``MOTCUA_S3_ENDPOINT_URL`` and the usual AWS_* variables), through
aiobotocore: asyncio-native, botocore's own request signing. A file is sent as a
multipart upload in parts of 8 MB, so no more than one part is ever held in memory;
an upload that fails is aborted, leaving nothing under its key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from aiobotocore.session import get_session
from botocore.exceptions import ClientError

PART = 8 * 1024 * 1024


class S3BlobStore:
    def __init__(self, bucket: str, endpoint_url: str | None = None) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self._session = get_session()

    def _client(self) -> Any:
        return self._session.create_client("s3", endpoint_url=self.endpoint_url)

    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> None:
        async with self._client() as s3:
            started = await s3.create_multipart_upload(Bucket=self.bucket, Key=key)
            upload_id = started["UploadId"]
            parts: list[dict[str, Any]] = []
            try:
                buffer = bytearray()
                async for chunk in chunks:
                    buffer += chunk
                    while len(buffer) >= PART:
                        parts.append(await self._part(s3, key, upload_id, parts, buffer[:PART]))
                        del buffer[:PART]
                if buffer or not parts:
                    parts.append(await self._part(s3, key, upload_id, parts, buffer))
                await s3.complete_multipart_upload(
                    Bucket=self.bucket,
                    Key=key,
                    UploadId=upload_id,
                    MultipartUpload={"Parts": parts},
                )
            except BaseException:
                await s3.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
                raise

    async def _part(
        self, s3: Any, key: str, upload_id: str, parts: list[dict[str, Any]], data: bytearray
    ) -> dict[str, Any]:
        number = len(parts) + 1
        sent = await s3.upload_part(
            Bucket=self.bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=bytes(data)
        )
        return {"PartNumber": number, "ETag": sent["ETag"]}

    async def get(self, key: str) -> AsyncIterator[bytes]:
        async with self._client() as s3:
            try:
                answer = await s3.get_object(Bucket=self.bucket, Key=key)
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                    raise KeyError(key) from None
                raise
            async with answer["Body"] as body:
                async for chunk in body.iter_chunks():
                    yield chunk

    async def delete(self, key: str) -> None:
        async with self._client() as s3:
            await s3.delete_object(Bucket=self.bucket, Key=key)
