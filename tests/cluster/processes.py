"""What the cluster tests look at from outside the server processes: the log's
positions and the projections' committed positions (straight from PostgreSQL), and the
CPU each child process of ``motcua serve --workers N`` used (from ``/proc``)."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import asyncpg

from tests.reliability.cluster import _children
from tests.reliability.server import Server

HEAD = "SELECT coalesce(max(position), 0) FROM events"


def serving(database_url: str, directory: Path, *arguments: str, **env: str) -> Server:
    """``motcua serve ARGUMENTS`` started, and ready; ``env``: more of its environment."""
    server = Server(database_url, directory, extra_env=env)
    server.spawn("serve", *arguments)
    server.wait_ready(time.monotonic() + 60)
    return server


async def serving_pids(server: Server, pids: set[int], within: float) -> None:
    """Wait until each of ``pids`` logged that it serves (``motcua.serve``'s line)."""
    deadline = time.monotonic() + within
    while not pids <= _serving(server.log()):
        if time.monotonic() > deadline:
            raise AssertionError(f"not all of {pids} serve: {server.tail()}")
        await asyncio.sleep(0.1)  # polling the log against the deadline


def _serving(log: str) -> set[int]:
    lines = (line for line in log.splitlines() if line.startswith("{") and '"serving"' in line)
    return {entry["pid"] for entry in map(json.loads, lines) if entry.get("event") == "serving"}


async def log_positions(database_url: str) -> list[int]:
    connection = await asyncpg.connect(database_url)
    try:
        rows = await connection.fetch("SELECT position FROM events ORDER BY position")
    finally:
        await connection.close()
    return [int(row[0]) for row in rows]


async def projected(database_url: str) -> tuple[int, dict[str, int]]:
    """The head of the log, and every projection's (and relay's) committed position."""
    connection = await asyncpg.connect(database_url)
    try:
        head = int(await connection.fetchval(HEAD))
        rows = await connection.fetch("SELECT name, position FROM projection_positions")
    finally:
        await connection.close()
    return head, {str(name): int(position) for name, position in rows}


async def wait_projected(database_url: str, within: float) -> dict[str, int]:
    """Poll until every projection has committed the head of the log; its positions."""
    deadline = time.monotonic() + within
    while True:
        head, positions = await projected(database_url)
        behind = {name: p for name, p in positions.items() if p < head}
        if positions and not behind:
            return positions
        if time.monotonic() > deadline:
            raise AssertionError(f"head {head}, projections behind: {behind}")
        await asyncio.sleep(0.1)  # polling against the deadline


def child_processes(parent: int) -> dict[int, str]:
    """The children of ``parent``, with their command lines."""
    found = {}
    for pid in _children(parent):
        try:
            found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # it ended meanwhile
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time ``pid`` used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
