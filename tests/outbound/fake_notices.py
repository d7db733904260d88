"""A real SMTP server (aiosmtpd) and a fake SMS gateway, both on loopback, that keep
what they were sent; the gateway can refuse on demand."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.outbound.loopback import serve_in_thread
from tests.postgres_server import _free_port


@dataclass
class Inbox:
    """aiosmtpd's handler: every message accepted, kept."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"


@dataclass
class FakeSmsGateway:
    port: int = field(default_factory=_free_port)
    texts: list[dict[str, str]] = field(default_factory=list)
    refusing: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sms"

    async def _send(self, request: Request) -> JSONResponse:
        if self.refusing:
            return JSONResponse({"error": "gateway down"}, status_code=500)
        self.texts.append(await request.json())
        return JSONResponse({"ok": True})


@dataclass
class NoticeServers:
    inbox: Inbox
    smtp_url: str
    sms: FakeSmsGateway


@pytest.fixture
def notice_servers() -> Iterator[NoticeServers]:
    inbox, port = Inbox(), _free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    sms = FakeSmsGateway()
    server = serve_in_thread(
        Starlette(routes=[Route("/sms", sms._send, methods=["POST"])]), sms.port
    )
    yield NoticeServers(inbox, f"smtp://127.0.0.1:{port}", sms)
    server.should_exit = True
    smtp.stop()
