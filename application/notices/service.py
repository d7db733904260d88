"""Staff read the notices of a dossier in their scope: what went, what failed and why
(never the address or the text, which the log does not hold)."""

from __future__ import annotations

from uuid import UUID

from application.dossiers.service import Dossiers
from application.notices.views import NoticeEntry, NoticesView
from application.repository import Repository
from domain.notices.notice_log import NoticeLog
from domain.shared import Actor


class Notices:
    def __init__(self, dossiers: Dossiers, repository: Repository) -> None:
        self.dossiers, self.repository = dossiers, repository

    async def of(self, actor: Actor, dossier_id: UUID) -> NoticesView:
        await self.dossiers.get(actor, dossier_id)  # in scope, or NotFound
        items = [
            NoticeEntry(
                event.kind,
                event.channel,
                "failed" if isinstance(event, NoticeLog.Failed) else "sent",
                getattr(event, "reason", None),
                event.timestamp,
            )
            for event in await self.repository.events(NoticeLog.id_for(dossier_id))
            if isinstance(event, NoticeLog.Sent | NoticeLog.Failed)
        ]
        return NoticesView(sum(item.state == "failed" for item in items), items)
