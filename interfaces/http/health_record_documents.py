"""A health record's files: ``PUT`` one (a clinician who writes the record; PDF, JPEG or
PNG by content, at most 20 MB, streamed and sealed with the person's key) and ``GET`` it
back (a clinician who may read the record, stating why in ``X-Purpose``; each read is in
the access log). After erasure: 410."""

from __future__ import annotations

from starlette.responses import Response

from application.attachments.views import AttachmentView
from interfaces.http.documents import DocumentQuery, document_name, receive_file, send_file
from interfaces.http.endpoints import Call, Endpoint
from interfaces.http.health_records import PURPOSE_HEADER, RECORD, purpose

DOCUMENT = f"{RECORD}/documents/{{name}}"


async def upload(call: Call) -> AttachmentView:
    context, record, name = call.context(call.officer), call.path["id"], document_name(call)
    files = call.services.health_record_documents
    return await receive_file(
        call, lambda chunks, sha256: files.upload(context, record, name, chunks, sha256)
    )


async def download(call: Call) -> Response:
    found, chunks = await call.services.health_record_documents.read(
        call.context(call.officer), call.path["id"], document_name(call), purpose(call)
    )
    return await send_file(found, chunks)


ENDPOINTS = (
    Endpoint(
        "PUT",
        DOCUMENT,
        "upload_health_record_document",
        "Attach a file to the record (PDF, JPEG or PNG by content, at most 20 MB), sealed "
        "with the person's key; the body is the file",
        upload,
        AttachmentView,
        query=DocumentQuery,
        command=True,
        errors=(403, 409, 413, 503),
        tag="health-records",
    ),
    Endpoint(
        "GET",
        DOCUMENT,
        "download_health_record_document",
        "The file, as uploaded; each read is logged; 410 once the person's data is erased",
        download,
        media_type="application/octet-stream",
        errors=(410, 422, 503),
        tag="health-records",
        headers=(PURPOSE_HEADER,),
    ),
)
