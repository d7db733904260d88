"""Citizens' notices, wired when ``MOTCUA_SMTP_URL`` or ``MOTCUA_SMS_URL`` is set: the
mailer and the SMS gateway, and the relay run with the other projections."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from datetime import UTC

from application.repository import Repository
from infrastructure.clock import SystemClock
from infrastructure.settings import Settings
from infrastructure.sms_gateway import HttpSmsGateway
from infrastructure.smtp_mailer import SmtpMailer
from infrastructure.view_stores import Views
from projections.outbound.notices.ports import Mailer, SmsGateway
from projections.outbound.notices.sending import NAME, Notice, NoticeSender, notice_sending
from projections.outbound.relay import RelayRunner
from projections.runner import RunnerOptions
from projections.source import EventSource


class CitizenNotices:
    def __init__(self, sender: NoticeSender | None, runner: RelayRunner[Notice] | None):
        self.sender, self.runner = sender, runner
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self.runner is not None and self._task is None:
            self._task = asyncio.create_task(self.runner.run(), name="citizen-notices")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task

    async def close(self) -> None:
        await self.stop()
        if self.sender is not None:
            for channel in (self.sender.mailer, self.sender.sms):
                if channel is not None:
                    await channel.close()


def citizen_notices(
    settings: Settings,
    views: Views,
    source: EventSource,
    repository: Repository,
    options: RunnerOptions,
    mailer: Mailer | None = None,
    sms: SmsGateway | None = None,
) -> CitizenNotices:
    if mailer is None and settings.smtp_url:
        mailer = SmtpMailer(settings.smtp_url, settings.smtp_from)
    if sms is None and settings.sms_url:
        sms = HttpSmsGateway(settings.sms_url)
    if mailer is None and sms is None:
        return CitizenNotices(None, None)
    wall = SystemClock()
    sender = NoticeSender(repository, mailer, sms, lambda: wall.now().astimezone(UTC))
    runner = notice_sending(sender, source, views.positions(NAME), views.wakeups, options)
    return CitizenNotices(sender, runner)
