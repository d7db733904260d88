"""Host names to addresses, by the operating system's resolver (for the webhook guard)."""

from __future__ import annotations

import asyncio
import socket


async def system_resolve(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return [str(info[4][0]) for info in infos]
