"""What an upload answers and a download names: a file as the log knows it (never where
it is stored)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.dossiers.dossier import Attachment


@dataclass(frozen=True)
class AttachmentView:
    name: str
    sha256: str
    size: int
    content_type: str


def attachment_view(attachment: Attachment) -> AttachmentView:
    return AttachmentView(
        attachment.name, attachment.sha256, attachment.size, attachment.content_type
    )
