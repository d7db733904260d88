"""The national portal (Cổng DVCQG) over HTTP, as its one-door systems call it: JSON
POSTs to ``<url>/auth`` for a session, then ``<url>/integration`` naming a service.

A session is kept and reused; when the portal answers 401, or ``error_code``
:data:`SESSION_EXPIRED`, the client authenticates again once and repeats the call
(assumed signals: the protocol names no code for it). Every other refusal (an
``error_code`` ≠ 0, a 5xx, a time-out, no connection) is a :class:`PortalFailure`.

aiohttp's client, as the webhooks' (``webhook_sender.py``): a dossier's step is two or
three calls, and with httpx those calls were a third of the projection worker's CPU
under load (py-spy, ``bench.outbound_apart``), more than every other relay together.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from projections.outbound.portal.ports import PortalFailure
from projections.outbound.portal.steps import PortalStep

SESSION_EXPIRED = frozenset({401, 403})
QUERY_SERVICE = "TraCuuHoSoMC"
"""Asking the portal for a dossier's state (assumed name: API.md names no query)."""


class HttpPortal:
    def __init__(self, url: str, username: str, password: str, *, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self._credentials = {"username": username, "password": password}
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._client: aiohttp.ClientSession | None = None
        self._session: str | None = None
        self._authenticating = asyncio.Lock()

    async def record(self, step: PortalStep, *, updating: bool) -> None:
        updating_text = "True" if updating else "False"
        body = {"isUpdating": updating_text, "data": [step.record]}
        await self._call(step.unit, "DongBoHoSoMC", body)

    async def progress(self, step: PortalStep) -> None:
        await self._call(step.unit, "CapNhatTienDoHoSoMC", {"data": [step.progress]})

    async def status_of(self, code: str) -> int | None:
        reply = await self._call("", QUERY_SERVICE, {"MaHoSo": code})
        data = reply.get("data")
        status = data.get("TrangThaiHoSo") if isinstance(data, dict) else None
        return int(status) if status not in (None, "") else None

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()

    async def _call(self, unit: str, service: str, body: dict[str, Any]) -> dict[str, Any]:
        for attempt in (1, 2):
            session = await self._session_token()
            payload = {"session": session, "madonvi": unit, "service": service, **body}
            status, reply = await self._post("/integration", payload)
            expired = status == 401 or reply.get("error_code") in SESSION_EXPIRED
            if expired and attempt == 1:
                await self._forget(session)
                continue
            _check(service, status, reply)
            return reply
        raise PortalFailure(f"{service}: the session expired again just after a new one")

    async def _session_token(self) -> str:
        async with self._authenticating:
            if self._session is None:
                status, reply = await self._post("/auth", self._credentials)
                _check("auth", status, reply)
                session = reply.get("session")
                if not isinstance(session, str) or not session:
                    raise PortalFailure("auth: the portal gave no session")
                self._session = session
            return self._session

    async def _forget(self, session: str) -> None:
        async with self._authenticating:
            if self._session == session:
                self._session = None

    async def _post(self, path: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self._client is None:  # made on the running loop, on first use
            self._client = aiohttp.ClientSession(timeout=self._timeout, trust_env=False)
        try:
            async with self._client.post(self.url + path, json=payload) as response:
                status, body = response.status, await response.read()
        except TimeoutError as timeout:
            raise PortalFailure(f"{path}: no answer in time") from timeout
        except aiohttp.ClientError as error:
            raise PortalFailure(f"{path}: {type(error).__name__}") from error
        try:
            reply = json.loads(body)
        except ValueError:
            reply = {}
        return status, reply if isinstance(reply, dict) else {}


def _check(service: str, status: int, reply: dict[str, Any]) -> None:
    if status >= 300:
        raise PortalFailure(f"{service}: HTTP {status}")
    code = reply.get("error_code")
    if code != 0:
        message = str(reply.get("message") or reply.get("error") or "")[:200]
        raise PortalFailure(f"{service}: error_code {code} {message}".rstrip())
