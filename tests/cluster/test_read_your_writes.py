"""Read your writes across processes: a command's answer names its log position
(``Motcua-Position``); a query that sends it back (``Motcua-After``) sees the write,
whichever API process answers, because it waits on the position the projection worker
committed in the database. With no worker running, the wait is bounded by
``MOTCUA_READ_WAIT_SECONDS`` and the answer says it may be stale."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from domain.shared import Role
from tests.cluster.processes import serving, wait_projected
from tests.e2e.api import BODY, bearer
from tests.examples import TODAYS_DESK
from tests.reliability.server import Server

pytestmark = pytest.mark.cluster
CLERK = bearer(Role.CLERK, TODAYS_DESK)


def one_connection_a_request() -> httpx.Limits:
    """No keep-alive: each request is a new connection, taken by either API worker."""
    return httpx.Limits(max_keepalive_connections=0)


async def file_then_search(client: httpx.AsyncClient) -> tuple[str, httpx.Response]:
    filed = await client.post("/api/v1/dossiers", json=BODY, headers=CLERK)
    assert filed.status_code == 201, filed.text
    position = filed.headers["Motcua-Position"]
    found = await client.get(
        "/api/v1/dossiers", params={"limit": 5}, headers={**CLERK, "Motcua-After": position}
    )
    assert found.status_code == 200, found.text
    return str(filed.json()["id"]), found


async def test_a_query_after_a_command_sees_it_on_any_worker(
    main_database: str, servers: list[Server], tmp_path: Path
) -> None:
    # A generous bound: under load a projection may take a while; it is waited for.
    server = serving(main_database, tmp_path, "--workers", "2", MOTCUA_READ_WAIT_SECONDS="10")
    servers.append(server)
    async with httpx.AsyncClient(
        base_url=server.url, timeout=10, limits=one_connection_a_request()
    ) as client:
        for _ in range(20):
            filed, found = await file_then_search(client)
            assert filed in [item["id"] for item in found.json()["items"]]
            assert "Motcua-Stale" not in found.headers
        refused = await client.get("/api/v1/inbox", headers={**CLERK, "Motcua-After": "soon"})
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "Motcua-After"


async def test_without_a_projection_worker_the_wait_is_bounded_and_says_so(
    main_database: str, servers: list[Server], tmp_path: Path
) -> None:
    api = serving(main_database, tmp_path, "--no-projections", MOTCUA_READ_WAIT_SECONDS="2")
    worker = Server(main_database, tmp_path)
    servers += [api, worker]
    async with httpx.AsyncClient(base_url=api.url, timeout=10) as client:
        # Nobody projects: the answer comes after the bound, from the view as it is.
        started = time.monotonic()
        filed, found = await file_then_search(client)
        assert 2.0 <= time.monotonic() - started < 6.0
        assert found.headers["Motcua-Stale"] == "true"
        assert filed not in [item["id"] for item in found.json()["items"]]
        # A projection worker starts elsewhere and catches up: queries see their writes.
        worker.spawn("projections", "run")
        await wait_projected(main_database, within=120.0)
        for _ in range(5):
            filed, found = await file_then_search(client)
            assert filed in [item["id"] for item in found.json()["items"]]
            assert "Motcua-Stale" not in found.headers
