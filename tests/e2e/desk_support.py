"""Helpers of the desk's tests over HTTP: signing in through the pages as a browser
does (cookie and CSRF token), and reading a page's CSRF token."""

from __future__ import annotations

import re

import httpx

from domain.shared import Role
from tests.e2e.api import bearer

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(page: httpx.Response) -> str:
    found = _CSRF.search(page.text)
    assert found, "the page carries no CSRF token"
    return found.group(1)


async def sign_in(client: httpx.AsyncClient, role: Role, unit: str) -> httpx.Response:
    """Sign in with the form; the client keeps the session cookie."""
    client.cookies.clear()
    form = await client.get("/can-bo/dang-nhap")
    token = bearer(role, unit)["Authorization"].removeprefix("Bearer ")
    data = {"token": token, "next": "/can-bo/hop-thu", "csrf": csrf_of(form)}
    return await client.post("/can-bo/dang-nhap", data=data)
