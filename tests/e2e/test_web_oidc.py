"""Signing in at the desk through the province's OpenID Connect provider (authorization
code with PKCE), against the small provider of ``oidc_provider.py`` on loopback.

Sign-in changes no dossier, so one store (SQLite) is enough here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from infrastructure.clock import FixedClock
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap
from tests.e2e.api import SECRET, serving
from tests.e2e.oidc_provider import CLIENT_ID, Provider, provider_running
from tests.examples import APP_CALENDAR, APP_MONDAY_9AM, CITY

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("storage", ["sqlite"], indirect=True)]


@pytest.fixture
def provider() -> Iterator[Provider]:
    with provider_running() as running:
        yield running


@pytest.fixture
async def desk(open_store: object, provider: Provider) -> AsyncIterator[httpx.AsyncClient]:
    store = await open_store()  # type: ignore[operator]
    settings = Settings(jwt_secret=SECRET, oidc_issuer=provider.url, oidc_client_id=CLIENT_ID)
    app = await bootstrap(
        settings, store=store, clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR
    )
    async with serving(app) as client:
        yield client
    await app.close()


async def through_the_provider(desk: httpx.AsyncClient, start: str) -> httpx.Response:
    """Follow the browser's way: to the provider, its redirect back, the callback."""
    away = await desk.get(start)
    assert away.status_code == 303
    async with httpx.AsyncClient() as browser:
        signed = await browser.get(away.headers["location"])
    assert signed.status_code == 302
    back = httpx.URL(signed.headers["location"])
    return await desk.get(f"{back.path}?{back.query.decode()}")


async def test_an_officer_signs_in_through_the_provider_with_pkce(
    desk: httpx.AsyncClient, provider: Provider
) -> None:
    provider.person = {"sub": "lan.nguyen", "role": "specialist", "unit": CITY}
    form = await desk.get("/can-bo/dang-nhap")
    assert 'href="/can-bo/dang-nhap/oidc?next=' in form.text
    back = await through_the_provider(desk, "/can-bo/dang-nhap/oidc?next=/can-bo/hop-thu")
    assert back.status_code == 303 and back.headers["location"] == "/can-bo/hop-thu"
    assert len(provider.redeemed) == 1  # the code was redeemed with the right verifier
    inbox = await desk.get("/can-bo/hop-thu")
    assert inbox.status_code == 200 and "Chuyên viên tại Thành phố Lào Cai" in inbox.text


async def test_a_forged_state_or_an_unknown_unit_opens_no_session(
    desk: httpx.AsyncClient, provider: Provider
) -> None:
    provider.person = {"sub": "x", "role": "clerk", "unit": CITY}
    away = await desk.get("/can-bo/dang-nhap/oidc")
    async with httpx.AsyncClient() as browser:
        signed = await browser.get(away.headers["location"])
    back = httpx.URL(signed.headers["location"])
    forged = await desk.get(back.path, params={"code": back.params["code"], "state": "forged"})
    assert forged.status_code == 401 and provider.redeemed == []
    desk.cookies.clear()
    provider.person = {"sub": "y", "role": "clerk", "unit": "99999"}
    refused = await through_the_provider(desk, "/can-bo/dang-nhap/oidc")
    assert refused.status_code == 401
    assert (await desk.get("/can-bo/hop-thu")).status_code == 401
