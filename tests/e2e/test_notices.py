"""Citizens' notices over HTTP on both stores: the server pointed at a real SMTP server
(aiosmtpd) and a fake SMS gateway on loopback."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from uuid import UUID

import pytest

from domain.notices.notice_log import NoticeLog
from domain.shared import Role
from interfaces.bootstrap import App
from tests.contract.conftest import Opener, Storage
from tests.e2e.api import BODY, E2E, act, bearer, file, serving
from tests.e2e.conftest import app_on, e2e_settings
from tests.examples import KIM_TAN
from tests.outbound.fake_notices import NoticeServers, notice_servers

pytestmark = E2E
__all__ = ["notice_servers"]  # the fixture
EMAIL, PHONE = "mai.nguyen@example.vn", "0912345678"
ASK = {"reason": "Thiếu bản sao", "documents": ["Bản sao CCCD"]}


@pytest.fixture
async def open_notice_app(
    open_store: Opener, storage: Storage, tmp_path: Path, notice_servers: NoticeServers
) -> AsyncIterator[Callable[[], Awaitable[App]]]:
    opened: list[App] = []

    async def open_() -> App:
        settings = e2e_settings(
            smtp_url=notice_servers.smtp_url,
            sms_url=notice_servers.sms.url,
            projection_poll_seconds=0.05,
        )
        app = await app_on(open_store, storage, tmp_path, settings)
        opened.append(app)
        return app

    yield open_
    for app in opened:
        await app.close()


async def until(condition: Callable[[], bool], within: float = 15.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        await asyncio.sleep(0.05)


async def test_the_applicant_hears_once_by_mail_and_sms_and_nothing_personal_is_kept(
    open_notice_app: Callable[[], Awaitable[App]],
    notice_servers: NoticeServers,
    capsys: pytest.CaptureFixture[str],
) -> None:
    inbox, sms = notice_servers.inbox, notice_servers.sms
    app = await open_notice_app()
    applicant = {**BODY["applicant"], "email": EMAIL}
    async with serving(app) as client:
        dossier = await file(client, applicant=applicant)
        answer = await act(client, dossier, "request-supplement", ASK, Role.CLERK)
        assert answer.status_code == 200, answer.text
        await until(lambda: len(inbox.messages) == 2 and len(sms.texts) == 2)
        code = dossier["code"]
        received, supplement = inbox.messages
        assert received["To"] == EMAIL and code in received["Subject"]
        assert "đã được tiếp nhận" in received.get_content()
        assert "cần bổ sung" in supplement.get_content()
        assert [t["to"] for t in sms.texts] == [PHONE, PHONE]
        assert "Hẹn trả kết quả ngày" in sms.texts[0]["text"] and code in sms.texts[0]["text"]
        # Staff see what went (each notice is logged just after the server took it); the log
        # holds neither address nor text.
        notices = f"/api/v1/dossiers/{dossier['id']}/notices"
        for _ in range(300):
            seen = await client.get(notices, headers=bearer(Role.CLERK))
            assert seen.status_code == 200
            if len(seen.json()["items"]) == 4:
                break
            await asyncio.sleep(0.05)
        assert seen.json()["failed"] == 0
        assert [(i["kind"], i["channel"], i["state"]) for i in seen.json()["items"]] == [
            ("received", "email", "sent"),
            ("received", "sms", "sent"),
            ("supplement_requested", "email", "sent"),
            ("supplement_requested", "sms", "sent"),
        ]
        elsewhere = await client.get(
            f"/api/v1/dossiers/{dossier['id']}/notices", headers=bearer(Role.CLERK, KIM_TAN)
        )
        assert elsewhere.status_code == 404
    stored = await app.store.read_stream(NoticeLog.id_for(UUID(dossier["id"])))
    kept = "".join(str(event) for event in stored)
    assert EMAIL not in kept and PHONE not in kept and "tiếp nhận" not in kept
    logs = capsys.readouterr()
    for secret in (EMAIL, PHONE, "tiếp nhận", "bổ sung giấy tờ"):
        assert secret not in logs.out + logs.err
    # A restart (its projections start from the positions kept) sends nothing again.
    await app.close()
    again = await open_notice_app()
    async with serving(again):
        await asyncio.sleep(1.0)  # time for a wrongly resending relay to resend
    assert (len(inbox.messages), len(sms.texts)) == (2, 2)


async def test_a_notice_that_cannot_go_is_a_failure_staff_see(
    open_notice_app: Callable[[], Awaitable[App]], notice_servers: NoticeServers
) -> None:
    notice_servers.sms.refusing = True
    app = await open_notice_app()
    app.notices.sender.pause_seconds = 0.01  # type: ignore[union-attr]
    async with serving(app) as client:
        dossier = await file(client)  # a phone, no e-mail
        path = f"/api/v1/dossiers/{dossier['id']}/notices"

        async def failed() -> int:
            answer = await client.get(path, headers=bearer(Role.LEADER))
            return int(answer.json()["failed"])

        deadline = time.monotonic() + 15
        while await failed() == 0:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        (item,) = (await client.get(path, headers=bearer(Role.LEADER))).json()["items"]
        assert item == {**item, "kind": "received", "channel": "sms", "state": "failed"}
        assert item["reason"] == "sms HTTP 500"
    assert notice_servers.sms.texts == []
