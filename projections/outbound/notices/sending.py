"""Citizens' notices as an outbound projection: each dossier event that concerns the
applicant (received, supplement requested, new date, result ready) becomes one notice per
channel the applicant gave (e-mail, phone), sent once.

"Once" holds across restarts because the dossier's :class:`NoticeLog` is the record:
before sending, the sender reads it and skips what it already settled; after each notice
it appends ``Sent`` or ``Failed`` (no address, no text). A notice the server accepted
but whose record a crash prevented goes once more: nothing better exists with SMTP. A
notice that still fails after a few tries is recorded ``Failed`` and not retried: staff
see it in ``GET /api/v1/dossiers/{id}/notices`` and reach the applicant another way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from application.ports import ConcurrencyError, StoreUnavailable
from application.repository import Repository
from domain.dossiers.dossier import Dossier
from domain.notices.notice_log import NoticeLog
from projections.dossier_states import DossierStates, topics_of
from projections.outbound.notices.ports import Mailer, NoticeFailure, SmsGateway
from projections.outbound.notices.texts import notice_text
from projections.outbound.relay import DeliveryUnavailable, Outbox, RelayRunner
from projections.ports import Binding, Envelope, ProjectionStore, WakeUps
from projections.runner import RunnerOptions
from projections.source import EventSource

NAME = "notices"
EMAIL, SMS = "email", "sms"
TRIES = 3


@dataclass(frozen=True)
class Notice:
    dossier_id: UUID
    about: UUID
    """The id of the stored dossier event it tells of."""
    kind: str
    channel: str
    to: str = field(repr=False)
    subject: str = field(repr=False)
    body: str = field(repr=False)


class NoticeProjection:
    name = NAME
    version = 1
    topics: frozenset[str] | None = topics_of(
        Dossier.Received,
        Dossier.SupplementRequested,
        Dossier.Apologized,
        Dossier.Approved,
        Dossier.Refused,
    )

    def __init__(self, states: DossierStates, channels: frozenset[str]) -> None:
        self.states, self.channels = states, channels

    async def handle(self, envelope: Envelope, view: Outbox[Notice]) -> None:
        dossier = (await self.states.change(envelope)).after
        told = notice_text(envelope.event, dossier)
        if told is None:
            return
        text, subject, body = told
        applicant: Any = dossier.applicant
        for channel, to in ((EMAIL, getattr(applicant, "email", None)), (SMS, applicant.phone)):
            if to and channel in self.channels:
                about = envelope.recorded.event_id
                view.add(Notice(dossier.id, about, text.kind, channel, to, subject, body))


class NoticeSender:
    def __init__(
        self,
        repository: Repository,
        mailer: Mailer | None,
        sms: SmsGateway | None,
        now: Callable[[], datetime],
        pause_seconds: float = 1.0,
    ) -> None:
        self.repository, self.mailer, self.sms, self.now = repository, mailer, sms, now
        self.pause_seconds = pause_seconds

    @property
    def channels(self) -> frozenset[str]:
        return frozenset({EMAIL} if self.mailer else set()) | ({SMS} if self.sms else set())

    async def deliver(self, notices: Sequence[Notice]) -> None:
        try:
            for notice in notices:
                await self._settle(notice)
        except (StoreUnavailable, ConcurrencyError) as outage:
            raise DeliveryUnavailable(f"the notice log is unavailable: {outage}") from outage

    async def _settle(self, notice: Notice) -> None:
        log_id = NoticeLog.id_for(notice.dossier_id)
        log = await self.repository.get(NoticeLog, log_id)
        log = log or NoticeLog.open(notice.dossier_id, self.now())
        if log.done(notice.about, notice.channel):
            return  # sent before a restart, or by a delivery of this batch that went
        failure = await self._send(notice)
        if failure is None:
            log.record_sent(notice.about, notice.kind, notice.channel, self.now())
        else:
            log.record_failed(notice.about, notice.kind, notice.channel, failure, self.now())
        await self.repository.save([log], {})

    async def _send(self, notice: Notice) -> str | None:
        """None once sent; else why it failed, after :data:`TRIES` tries."""
        reason = ""
        for attempt in range(1, TRIES + 1):
            try:
                if notice.channel == EMAIL and self.mailer is not None:
                    await self.mailer.send(notice.to, notice.subject, notice.body)
                elif self.sms is not None:
                    await self.sms.send(notice.to, notice.body)
                return None
            except NoticeFailure as failure:
                reason = str(failure)[:200]
            if attempt < TRIES:
                await asyncio.sleep(self.pause_seconds * attempt)
        return reason


def notice_sending(
    sender: NoticeSender,
    source: EventSource,
    positions: ProjectionStore[Any],
    wakeups: WakeUps,
    options: RunnerOptions | None = None,
) -> RelayRunner[Notice]:
    states, channels = DossierStates(source.history), sender.channels
    binding: Binding[Outbox[Notice]] = Binding(
        lambda: NoticeProjection(states, channels), positions
    )
    return RelayRunner(binding, source, wakeups, sender.deliver, options)
