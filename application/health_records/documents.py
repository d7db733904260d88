"""A health record's files: uploaded by a clinician who writes the record, checked while
they stream (size ≤ 20 MB, SHA-256, PDF/JPEG/PNG by content, as a dossier's files) and
sealed with the person's key on their way to the blob store; read back by clinicians who
may read the record, each read recorded in the record's access log first.

Erasure shreds the person's key: the blobs stay as they were stored, unreadable, and a
read answers 410 (``Gone``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from uuid import UUID

from application.attachments.ports import BlobStore
from application.attachments.upload import Upload
from application.attachments.views import AttachmentView, attachment_view
from application.context import Context
from application.errors import Forbidden, Gone, NotFound
from application.health_records.service import HealthRecords
from application.ports import Secrets
from domain.dossiers.dossier import Attachment
from domain.health_records import access
from domain.health_records.errors import RecordErased
from domain.health_records.record import HealthRecord


class HealthRecordDocuments:
    def __init__(self, records: HealthRecords, blobs: BlobStore, secrets: Secrets) -> None:
        self.records = records
        self.blobs = blobs
        self.secrets = secrets

    async def upload(
        self,
        context: Context,
        record_id: UUID,
        name: str,
        chunks: AsyncIterator[bytes],
        declared_sha256: str | None = None,
    ) -> AttachmentView:
        """Refused before a byte is stored when the caller may not write (404, 403) or the
        record is erased (409)."""
        record = await self.records.visible(context.actor, record_id)
        if not access.may_write(context.actor, record):
            raise Forbidden(f"a {context.actor.role} of this unit may not do this")
        if record.erased:
            raise RecordErased()
        blob = f"health-records/{record_id}/{self.secrets.new_id()}"
        upload = Upload(chunks)
        try:
            sealed = await self.records.personal.seal_file(record.person_id, blob, upload.stream())
            await self.blobs.put(blob, sealed)
            kind = upload.checked_type(declared_sha256)
            attachment = Attachment(name, upload.sha256, upload.size, kind, blob)

            async def apply(record: HealthRecord, now: datetime) -> None:
                record.attach(attachment, context.actor, now)

            request = (name, attachment.sha256, attachment.size)
            await self.records.act(context, record_id, "attach", request, access.may_write, apply)
        except BaseException:
            await self.blobs.delete(blob)
            raise
        return attachment_view(attachment)

    async def read(
        self, context: Context, record_id: UUID, name: str, purpose: str
    ) -> tuple[AttachmentView, AsyncIterator[bytes]]:
        """The file, opened as it streams, once its read is recorded (who, unit, why)."""
        read: list[tuple[UUID, Attachment]] = []

        async def apply(record: HealthRecord, now: datetime) -> None:
            if record.erased:
                raise Gone("the record's files were erased with the person's data")
            if name not in record.attachments:
                raise NotFound("document")
            read[:] = [(record.person_id, record.read_document(name, purpose, context.actor, now))]

        # A read is no command: no Idempotency-Key, no If-Match; it is always recorded.
        plain_context = Context(actor=context.actor, request_id=context.request_id)
        may_read = self.records.may_read
        await self.records.act(
            plain_context,
            record_id,
            "read_document",
            (name, purpose),
            may_read,
            apply,
            retry=True,
            visible=may_read,
        )
        ((person_id, attachment),) = read
        stored = self.blobs.get(attachment.blob)
        opened = await self.records.personal.open_file(person_id, attachment.blob, stored)
        return attachment_view(attachment), opened
