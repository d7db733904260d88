"""How the test suite finds PostgreSQL.

:func:`postgres_dsn` answers, in this order:

1. ``MOTCUA_TEST_DATABASE_URL`` when it is set (used as given, never probed);
2. ``postgresql://postgres@127.0.0.1:5432/postgres`` when that accepts a connection;
3. a throwaway cluster started from the installed PostgreSQL binaries (installed with
   apt-get first when there are none and we are root), in a temporary directory, on a
   free port of 127.0.0.1, with ``fsync=on``. :func:`shutdown` stops and removes it.

When none of these works it raises :class:`RuntimeError` saying why: the suite never
skips PostgreSQL silently.
"""

from __future__ import annotations

import asyncio
import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

ENV_VAR = "MOTCUA_TEST_DATABASE_URL"
LOCAL_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"

T = TypeVar("T")


@dataclass
class _Cluster:
    directory: Path
    pg_ctl: Path
    dsn: str


_dsn: str | None = None
_cluster: _Cluster | None = None
_guard = threading.Lock()


def postgres_dsn() -> str:
    """The DSN of a PostgreSQL server to test against (cached for the process)."""
    global _dsn
    with _guard:
        if _dsn is None:
            _dsn = _find_or_start()
        return _dsn


def shutdown() -> None:
    """Stop and delete the throwaway cluster, if this process started one."""
    global _cluster, _dsn
    with _guard:
        if _cluster is not None:
            data = _cluster.directory / "data"
            _run(_as_postgres([str(_cluster.pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"]))
            shutil.rmtree(_cluster.directory, ignore_errors=True)
            _cluster = None
            _dsn = None


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion on a private event loop in a helper thread, so it
    works whether or not the caller already runs an event loop."""
    results: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            results.append(asyncio.run(coroutine))
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=target, name="postgres_server.run_sync")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return results[0]


def with_database(dsn: str, database: str) -> str:
    """``dsn`` pointing at another database on the same server."""
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + database))


def create_database(dsn: str, prefix: str = "motcua_test") -> str:
    """Create a fresh, uniquely named database on ``dsn``'s server; return its DSN."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    run_sync(execute_sql(dsn, f'CREATE DATABASE "{name}"'))
    return with_database(dsn, name)


def drop_database(dsn: str) -> None:
    """Drop the database ``dsn`` names (connecting to its server's ``postgres``)."""
    name = urlsplit(dsn).path.lstrip("/")
    admin = with_database(dsn, "postgres")
    run_sync(execute_sql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def execute_sql(dsn: str, sql: str) -> None:
    connection = await asyncpg.connect(dsn, timeout=10)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _accepts(dsn: str) -> str | None:
    """None when ``dsn`` accepts a connection, else why not."""
    try:
        run_sync(execute_sql(dsn, "SELECT 1"))
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None


def _find_or_start() -> str:
    if configured := os.environ.get(ENV_VAR):
        return configured
    local_problem = _accepts(LOCAL_DSN)
    if local_problem is None:
        return LOCAL_DSN
    try:
        return _start_cluster()
    except Exception as error:
        raise RuntimeError(
            f"No PostgreSQL for the tests: {ENV_VAR} is not set; {LOCAL_DSN} does not "
            f"answer ({local_problem}); and starting a throwaway cluster failed: {error}"
        ) from error


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major, reverse=True)
    return Path(found[0]).parent if found else None


def _major(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


def _is_root() -> bool:
    return os.geteuid() == 0


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if _is_root() else command


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_cluster() -> str:
    global _cluster
    bin_dir = _binaries()
    if bin_dir is None:
        if not _is_root():
            raise RuntimeError("no initdb/pg_ctl under /usr/lib/postgresql/*/bin, not root")
        _run(["apt-get", "update"])
        _run(["apt-get", "install", "-y", "postgresql"])
        bin_dir = _binaries()
        if bin_dir is None:
            raise RuntimeError("apt-get installed postgresql but no pg_ctl was found")
    directory = Path(tempfile.mkdtemp(prefix="motcua-pg-"))
    if _is_root():
        shutil.chown(directory, "postgres", "postgres")
    data, port = directory / "data", _free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
    _run(_as_postgres([*initdb, "-E", "UTF8", "--no-sync"]))
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 -c fsync=on "
        f"-c unix_socket_directories={directory}"
    )
    command = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(directory / "log")]
    _run(_as_postgres([*command, "-o", options, "-w", "-t", "60", "start"]))
    _cluster = _Cluster(
        directory, bin_dir / "pg_ctl", f"postgresql://postgres@127.0.0.1:{port}/postgres"
    )
    atexit.register(shutdown)
    return _cluster.dsn
