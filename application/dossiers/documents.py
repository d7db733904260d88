"""A dossier's files: uploaded by a clerk of the holding or receiving unit, streamed to
the blob store while their size, SHA-256 and type are checked, then recorded in the
dossier's stream (hash, size, type, where stored); read by staff who see the dossier,
each read recorded in the dossier's document-read log first."""

from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import UUID

from application.attachments.ports import BlobStore
from application.attachments.upload import Upload
from application.attachments.views import AttachmentView, attachment_view
from application.commands import CommandRunner, Decision, RequestPrint
from application.context import Context
from application.dossiers.service import Dossiers
from application.errors import NotFound
from application.ports import Clock, ConcurrencyError, Secrets
from domain.dossiers.document_reads import DocumentReads
from domain.dossiers.dossier import Attachment, Dossier


class DossierDocuments:
    def __init__(
        self,
        dossiers: Dossiers,
        blobs: BlobStore,
        secrets: Secrets,
        clock: Clock,
        prints: RequestPrint,
    ) -> None:
        self.dossiers = dossiers
        self.blobs = blobs
        self.secrets = secrets
        self.clock = clock
        self.runner = CommandRunner(dossiers.repository, prints)

    async def upload(
        self,
        context: Context,
        dossier_id: UUID,
        name: str,
        chunks: AsyncIterator[bytes],
        declared_sha256: str | None = None,
    ) -> AttachmentView:
        """Refused before a byte is stored when the caller may not attach (404, 403, 409)."""
        steps = self.dossiers.steps
        steps.authorise(context.actor, "attach", await steps.load(context.actor, dossier_id))
        blob = f"dossiers/{dossier_id}/{self.secrets.new_id()}"
        upload = Upload(chunks)
        try:
            await self.blobs.put(blob, upload.stream())
            kind = upload.checked_type(declared_sha256)
            attachment = Attachment(name, upload.sha256, upload.size, kind, blob)
            request = (name, attachment.sha256, attachment.size)
            await self.dossiers.pipeline.act(
                steps,
                context,
                dossier_id,
                "attach",
                request,
                lambda dossier, now: dossier.attach(attachment, context.actor, now),
            )
        except BaseException:
            await self.blobs.delete(blob)
            raise
        return attachment_view(attachment)

    async def read(
        self, context: Context, dossier_id: UUID, name: str
    ) -> tuple[AttachmentView, AsyncIterator[bytes]]:
        """The file, once its read is recorded: who, from which unit, when."""
        dossier: Dossier = await self.dossiers.steps.load(context.actor, dossier_id)
        attachment = dossier.attachments.get(name)
        if attachment is None:
            raise NotFound("document")
        reads_id = DocumentReads.id_for(dossier_id)

        async def decide() -> Decision:
            reads = await self.dossiers.repository.get(DocumentReads, reads_id)
            reads = reads or DocumentReads.open(dossier_id, self.clock.now())
            reads.read(name, attachment.sha256, context.actor, self.clock.now())
            return [reads], None

        def raced(conflict: ConcurrencyError) -> bool:
            return conflict.stream_id == reads_id

        plain_context = Context(actor=context.actor, request_id=context.request_id)
        await self.runner.run(plain_context, ("read", dossier_id, name), decide, raced)
        return attachment_view(attachment), self.blobs.get(attachment.blob)
