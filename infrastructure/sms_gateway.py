"""Citizens' notices by SMS through an HTTP gateway: ``POST <url>`` with
``{"to", "text"}``; any 2xx is accepted (assumed contract: each province's gateway has its
own, and this is the adapter to change for it)."""

from __future__ import annotations

import httpx

from projections.outbound.notices.ports import NoticeFailure


class HttpSmsGateway:
    def __init__(self, url: str, *, timeout: float = 10.0) -> None:
        self.url = url
        self._client = httpx.AsyncClient(timeout=timeout)

    async def send(self, to: str, body: str) -> None:
        try:
            answer = await self._client.post(self.url, json={"to": to, "text": body})
        except httpx.HTTPError as failed:
            raise NoticeFailure(f"sms {type(failed).__name__}") from None
        if not answer.is_success:
            raise NoticeFailure(f"sms HTTP {answer.status_code}")

    async def close(self) -> None:
        await self._client.aclose()
