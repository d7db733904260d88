"""Citizens' notices by e-mail over SMTP (aiosmtplib): ``smtp://[user:password@]host[:port]``,
``smtps://`` for TLS from the start; STARTTLS when the server offers it."""

from __future__ import annotations

from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import aiosmtplib

from projections.outbound.notices.ports import NoticeFailure


class SmtpMailer:
    def __init__(self, url: str, sender: str, *, timeout: float = 10.0) -> None:
        parts = urlsplit(url)
        self._tls = parts.scheme == "smtps"
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or (465 if self._tls else 25)
        self._user = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password) if parts.password else None
        self._sender, self._timeout = sender, timeout

    async def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self._sender, to, subject
        message.set_content(body)
        try:
            await aiosmtplib.send(
                message,
                hostname=self._host,
                port=self._port,
                username=self._user,
                password=self._password,
                use_tls=self._tls,
                start_tls=None,
                timeout=self._timeout,
            )
        except aiosmtplib.SMTPResponseException as refused:
            raise NoticeFailure(f"smtp {refused.code}") from None
        except (aiosmtplib.SMTPException, OSError) as failed:
            raise NoticeFailure(f"smtp {type(failed).__name__}") from None

    async def close(self) -> None:
        return None
