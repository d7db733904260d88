"""A dossier's files: ``PUT`` one (a clerk of the holding or receiving unit; the body is
the file itself, PDF, JPEG or PNG by its content, at most 20 MB, streamed) and ``GET``
it back (staff who see the dossier; each read recorded)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from pydantic import Field, TypeAdapter, ValidationError
from starlette.responses import Response, StreamingResponse

from application.attachments.upload import MAX_BYTES, TooLarge
from application.dossiers.documents import AttachmentView
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


async def upload(call: Call) -> AttachmentView:
    query: DocumentQuery = call.query
    declared = call.request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _TOO_LARGE
    try:
        return await call.services.documents.upload(
            call.context(call.officer),
            call.path["id"],
            document_name(call),
            call.request.stream(),
            query.sha256,
        )
    except TooLarge:
        raise _TOO_LARGE from None


async def download(call: Call) -> Response:
    found, chunks = await call.services.documents.read(
        call.context(call.officer), call.path["id"], document_name(call)
    )
    try:
        first = await anext(chunks)
    except StopAsyncIteration:
        first = b""
    except KeyError:
        raise Problem(503, "unavailable", "the file store does not hold this file") from None

    async def body() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    headers = {"Content-Length": str(found.size), "ETag": f'"{found.sha256}"'}
    return StreamingResponse(body(), media_type=found.content_type, headers=headers)


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
