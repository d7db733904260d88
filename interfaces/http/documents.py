"""A dossier's files: ``PUT`` one (a clerk of the holding or receiving unit; the body is
the file itself, PDF, JPEG or PNG by its content, at most 20 MB, streamed) and ``GET``
it back (staff who see the dossier; each read recorded). The upload's and the download's
HTTP steps are shared with a health record's files (``health_record_documents.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from pydantic import Field, TypeAdapter, ValidationError
from starlette.responses import Response, StreamingResponse

from application.attachments.upload import MAX_BYTES, TooLarge
from application.attachments.views import AttachmentView
from application.health_records.sealed_files import DamagedFile
from domain.fields import Kind
from interfaces.http import schemas
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.errors import Problem, invalid
from interfaces.http.fields import EDGE

DOCUMENT = "/api/v1/dossiers/{id:uuid}/documents/{name}"
_NAME: TypeAdapter[str] = TypeAdapter(EDGE[Kind.NAME])
_TOO_LARGE = Problem(413, "content-too-large", f"a file is at most {MAX_BYTES} bytes")


class DocumentQuery(schemas.Query):
    sha256: Annotated[str, EDGE[Kind.SHA256]] | None = Field(
        None, description="The file's SHA-256 as the sender computed it: checked on arrival"
    )


def document_name(call: Call) -> str:
    try:
        return _NAME.validate_python(call.path["name"])
    except ValidationError:
        raise invalid([("name", "a document's name: 1 to 200 characters, one line")]) from None


Store = Callable[[AsyncIterator[bytes], str | None], Awaitable[AttachmentView]]
"""A use case's upload, given the request's chunks and the declared SHA-256."""


async def receive_file(call: Call, store: Store) -> AttachmentView:
    """The request's body streamed into ``store``: 413 past 20 MB, declared or not."""
    query: DocumentQuery = call.query
    declared = call.request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _TOO_LARGE
    try:
        return await store(call.request.stream(), query.sha256)
    except TooLarge:
        raise _TOO_LARGE from None


async def send_file(found: AttachmentView, chunks: AsyncIterator[bytes]) -> Response:
    """The file as it streams from the store; 503 when the store lost it or holds it
    damaged (found out on the first chunk, before any byte is sent)."""
    try:
        first = await anext(chunks)
    except StopAsyncIteration:
        first = b""
    except KeyError:
        raise Problem(503, "unavailable", "the file store does not hold this file") from None
    except DamagedFile:
        raise Problem(503, "unavailable", "the file store holds this file damaged") from None

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    headers = {"Content-Length": str(found.size), "ETag": f'"{found.sha256}"'}
    return StreamingResponse(body(), media_type=found.content_type, headers=headers)


async def upload(call: Call) -> AttachmentView:
    context, dossier, name = call.context(call.officer), call.path["id"], document_name(call)
    return await receive_file(
        call,
        lambda chunks, sha256: call.services.documents.upload(
            context, dossier, name, chunks, sha256
        ),
    )


async def download(call: Call) -> Response:
    found, chunks = await call.services.documents.read(
        call.context(call.officer), call.path["id"], document_name(call)
    )
    return await send_file(found, chunks)


ENDPOINTS = (
    Endpoint(
        "PUT",
        DOCUMENT,
        "upload_document",
        "Attach a file to the dossier (PDF, JPEG or PNG by content, at most 20 MB); the "
        "body is the file",
        upload,
        AttachmentView,
        query=DocumentQuery,
        command=True,
        errors=(403, 409, 413, 503),
    ),
    Endpoint(
        "GET",
        DOCUMENT,
        "download_document",
        "The file, as uploaded; each read is recorded",
        download,
        media_type="application/octet-stream",
        errors=(422, 503),
    ),
)
