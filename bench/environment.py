"""What the run needs installed, the machine it ran on, and its own database."""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import uuid
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

_PG_SETTINGS = ("fsync", "synchronous_commit", "wal_sync_method", "shared_buffers", "commit_delay")


def ensure_installed(*, profile: bool) -> list[str]:
    """Install, into this venv, what the scenarios need and the project does not (the
    peer's psycopg; py-spy to profile); wrk when missing and we are root. Returns what
    was done, for the report."""
    done: list[str] = []
    wanted = []
    if (
        importlib.util.find_spec("psycopg") is None
        or importlib.util.find_spec("psycopg_pool") is None
    ):
        wanted += [f"eventsourcing[postgres]=={version('eventsourcing')}", "psycopg[binary]"]
    if profile and shutil.which("py-spy", path=os.path.dirname(sys.executable)) is None:
        wanted.append("py-spy")
    if wanted:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *wanted], check=True)
        done.append("pip install " + " ".join(wanted))
    if shutil.which("wrk") is None and os.geteuid() == 0:
        for command in (["apt-get", "install", "-y", "-q", "wrk"], ["apt-get", "update", "-q"]):
            subprocess.run(command, check=False, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)
        done.append("apt-get install wrk" + ("" if shutil.which("wrk") else " (failed)"))
    return done


def with_database(dsn: str, name: str) -> str:
    return urlunsplit(urlsplit(dsn)._replace(path="/" + name))


async def create_database(server_dsn: str) -> str:
    name = f"motcua_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return with_database(server_dsn, name)


async def drop_database(dsn: str) -> None:
    name = urlsplit(dsn).path.lstrip("/")
    admin = await asyncpg.connect(with_database(dsn, "postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def machine(dsn: str) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn)
    try:
        server = await conn.fetchval("SHOW server_version")
        settings = {
            row[0]: row[1]
            for row in await conn.fetch(
                "SELECT name, setting FROM pg_settings WHERE name = ANY($1::text[])",
                [
                    "fsync",
                    "synchronous_commit",
                    "wal_sync_method",
                    "shared_buffers",
                    "commit_delay",
                ],
            )
        }
    finally:
        await conn.close()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": server,
        "postgresql_settings": settings,
        "postgresql_address": urlsplit(dsn).hostname or "unix socket",
        "sqlite": sqlite3.sqlite_version,
        "asyncpg": version("asyncpg"),
        "eventsourcing": version("eventsourcing"),
        "psycopg": version("psycopg"),
        "load_average_at_start": os.getloadavg(),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
