"""Webhook deliveries over HTTP (httpx), to the very address the destination guard
checked: the request goes to that IP, with the URL's host in ``Host`` and, for https, in
the TLS server name (so the certificate is still checked against the host name). A DNS
answer that changed after the check cannot steer a delivery to a private address.
Redirects are not followed (one could lead anywhere): a 3xx is not an acknowledgement."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from application.subscriptions.destinations import Destination
from projections.outbound.webhooks.courier import SendFailed


class HttpxSender:
    def __init__(self, timeout_seconds: float = 10.0) -> None:
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout_seconds),
            follow_redirects=False,
            trust_env=False,
            # A few kept-alive connections per subscriber (each sends 8 dossiers at once at
            # most): httpcore scans its whole pool for every request.
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    async def post(self, destination: Destination, headers: Mapping[str, str], body: bytes) -> int:
        default = 443 if destination.scheme == "https" else 80
        host = (
            destination.host
            if destination.port == default
            else (f"{destination.host}:{destination.port}")
        )
        url = httpx.URL(destination.url).copy_with(host=destination.addresses[0])
        extensions = {"sni_hostname": destination.host} if destination.scheme == "https" else {}
        try:
            answer = await self.client.post(
                url, content=body, headers={**headers, "host": host}, extensions=extensions
            )
        except httpx.HTTPError as error:
            raise SendFailed(f"{type(error).__name__}: {error}") from None
        return answer.status_code

    async def close(self) -> None:
        await self.client.aclose()
