"""``GET /api/v1/portal/sync`` and ``motcua portal reconcile`` over HTTP, with the
server pointed at the fake portal on loopback (``MOTCUA_PORTAL_URL``)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain.shared import Role
from interfaces.bootstrap import App
from interfaces.cli import _reconcile
from tests.contract.conftest import Opener, Storage
from tests.e2e.api import E2E, bearer, file, serving
from tests.e2e.conftest import app_on, e2e_settings
from tests.examples import COC_LEU, KIM_TAN, PROVINCE
from tests.outbound.fake_portal import PASSWORD, USER, FakePortal, fake_portal
from tests.outbound.portal_support import RECEIVED

pytestmark = E2E
__all__ = ["fake_portal"]  # the fixture


@pytest.fixture
async def portal_app(
    open_store: Opener, storage: Storage, tmp_path: Path, fake_portal: FakePortal
) -> AsyncIterator[App]:
    settings = e2e_settings(
        portal_url=fake_portal.url,
        portal_user=USER,
        portal_password=PASSWORD,
        portal_retry_seconds=0.05,
        projection_poll_seconds=0.05,
    )
    app = await app_on(open_store, storage, tmp_path, settings)
    yield app
    await app.close()


async def sync_of(client: httpx.AsyncClient, role: Role, at: str, **query: str) -> httpx.Response:
    return await client.get("/api/v1/portal/sync", params=query, headers=bearer(role, at))


async def synced(client: httpx.AsyncClient, count: int, within: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        answer = (await sync_of(client, Role.AUDITOR, PROVINCE)).json()
        if answer["synced"] == count or time.monotonic() > deadline:
            return dict(answer)
        await asyncio.sleep(0.05)


async def test_staff_see_how_far_their_dossiers_got_on_the_portal(
    portal_app: App, fake_portal: FakePortal
) -> None:
    async with serving(portal_app) as client:
        ours = [await file(client) for _ in range(2)]
        theirs = await file(client, unit=KIM_TAN)
        everything = await synced(client, 3)
        assert everything == {**everything, "synced": 3, "pending": 0, "failed": 0}
        # A clerk sees the dossiers received at their unit only.
        mine = (await sync_of(client, Role.CLERK, COC_LEU)).json()
        assert (mine["synced"], mine["pending"], mine["failed"]) == (2, 0, 0)
        assert {item["code"] for item in mine["items"]} == {d["code"] for d in ours}
        item = mine["items"][0]
        assert item == {**item, "unit": COC_LEU, "state": "synced", "portal_status": 4}
        assert item["failure"] is None
        # Another unit's sync is not theirs to see; a clinician sees none.
        assert (await sync_of(client, Role.CLERK, COC_LEU, unit=KIM_TAN)).status_code == 404
        assert (await sync_of(client, Role.CLINICIAN, COC_LEU)).status_code == 403
    assert fake_portal.violations == []
    for dossier in (*ours, theirs):
        assert fake_portal.statuses[dossier["code"]] == RECEIVED


async def test_reconcile_lists_the_dossiers_whose_portal_status_differs(
    portal_app: App, fake_portal: FakePortal, capsys: pytest.CaptureFixture[str]
) -> None:
    async with serving(portal_app) as client:
        first, second = await file(client), await file(client)
        await synced(client, 2)
    assert await _reconcile(portal_app) == 0
    # Someone changed one dossier on the portal's side.
    fake_portal.records[second["code"]]["TrangThaiHoSo"] = "1"
    assert await _reconcile(portal_app) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if "\t" in line]
    assert lines == [f"{second['code']}\texpected 4\tportal 1"]
    assert first["code"] not in "".join(lines)
