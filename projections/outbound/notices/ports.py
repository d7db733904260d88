"""Where citizens' notices go: an SMTP server and an SMS gateway."""

from __future__ import annotations

from typing import Protocol


class NoticeFailure(Exception):
    """The notice did not go. The message names the cause (a status code, an error
    class), never the address or the text."""


class Mailer(Protocol):
    async def send(self, to: str, subject: str, body: str) -> None: ...

    async def close(self) -> None: ...


class SmsGateway(Protocol):
    async def send(self, to: str, body: str) -> None: ...

    async def close(self) -> None: ...
