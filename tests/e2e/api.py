"""Helpers of the end-to-end tests: serving an App over ASGI, tokens, filing a dossier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from domain.shared import Role
from interfaces.bootstrap import App, create_app
from interfaces.http.auth import issue_token
from tests.examples import A_MU_SUNG, CITY, COC_LEU, KIM_TAN, MERIT

E2E = [
    pytest.mark.e2e,
    pytest.mark.parametrize("storage", ["sqlite", "postgres"], indirect=True),
]
SECRET = "e2e-jwt-secret-long-enough-for-hs256!"
BODY = {
    "procedure_code": MERIT,
    "applicant": {
        "full_name": "Nguyễn Thị Mai",
        "citizen_id": "010203004005",
        "phone": "0912345678",
        "address": "12 Hoàng Liên, Cốc Lếu",
    },
    "documents": [{"name": "Bản khai"}],
    "channel": "desk",
}


@asynccontextmanager
async def running(app: App) -> AsyncIterator[ASGIApp]:
    """The API over ``app`` with its lifespan run as a server runs it (httpx's
    ASGITransport does not): the lifespan state is copied into every request."""
    asgi = create_app(app=app)
    async with asgi.router.lifespan_context(asgi) as state:

        async def with_state(scope: Scope, receive: Receive, send: Send) -> None:
            scope["state"] = dict(state or {})
            await asgi(scope, receive, send)

        yield with_state


def client_of(asgi: ASGIApp, address: str = "203.0.113.7") -> httpx.AsyncClient:
    """A client calling from ``address``."""
    transport = httpx.ASGITransport(app=asgi, client=(address, 40123))
    return httpx.AsyncClient(transport=transport, base_url="http://motcua.test")


@asynccontextmanager
async def serving(app: App) -> AsyncIterator[httpx.AsyncClient]:
    async with running(app) as asgi, client_of(asgi) as client:
        yield client


def bearer(role: Role, unit: str = COC_LEU, sub: str | None = None) -> dict[str, str]:
    token = issue_token(SECRET, role, unit, sub or f"{role}@{unit}")
    return {"Authorization": f"Bearer {token}"}


async def file(client: httpx.AsyncClient, unit: str = COC_LEU, **overrides: Any) -> dict[str, Any]:
    """A dossier filed and received at ``unit``'s desk; the answer holds the lookup secret."""
    answer = await client.post(
        "/api/v1/dossiers", json={**BODY, **overrides}, headers=bearer(Role.CLERK, unit)
    )
    assert answer.status_code == 201, answer.text
    receipt: dict[str, Any] = answer.json()
    return receipt


async def act(
    client: httpx.AsyncClient,
    dossier: dict[str, Any],
    action: str,
    body: dict[str, Any],
    role: Role,
    unit: str = COC_LEU,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Run a staff command on ``dossier`` as ``role`` of ``unit``."""
    return await client.post(
        f"/api/v1/dossiers/{dossier['id']}/{action}",
        json=body,
        headers={**bearer(role, unit), **(headers or {})},
    )


async def every_page(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], after: int = 0, limit: int = 3
) -> list[dict[str, Any]]:
    """Every item of a positioned log (``?after=&limit=`` → ``items``, ``next_after``), read
    page by page until a page stays where it was."""
    items: list[dict[str, Any]] = []
    separator = "&" if "?" in path else "?"
    while True:
        answer = await client.get(f"{path}{separator}after={after}&limit={limit}", headers=headers)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        if page["next_after"] == after:
            assert not page["items"]
            return items
        after = page["next_after"]


async def three_dossiers_across_the_province(
    app: App, client: httpx.AsyncClient
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Mai's, filed at Cốc Lếu and transferred to the city; Kim Tân's (in the city too);
    one far away at A Mú Sung (Bát Xát). The views include them all."""
    mai = await file(client)
    await act(client, mai, "transfer", {"to_unit": CITY}, Role.CLERK)
    kim_tan = await file(client, unit=KIM_TAN)
    far = await file(client, unit=A_MU_SUNG)
    await app.projections.wait_for()
    return mai, kim_tan, far
