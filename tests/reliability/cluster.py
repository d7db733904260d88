"""A private PostgreSQL cluster for fault tests: ours alone to restart, stop and freeze.

The machine's PostgreSQL on 127.0.0.1:5432 is shared with other test runs, so no fault
test ever touches it. :class:`PrivateCluster` runs ``initdb`` and ``pg_ctl`` from the
installed binaries (as the ``postgres`` user when we are root, like
``tests/postgres_server.py``), in a temporary directory, on a free loopback port.
Freezing sends SIGSTOP to *this* cluster's postmaster and to its children only (found
through ``/proc`` by parent pid), never to any process found by name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from tests.postgres_server import (
    _as_postgres,
    _binaries,
    _free_port,
    _is_root,
    _run,
    create_database,
    drop_database,
    execute_sql,
    run_sync,
)

APPEND_LOCK_HOLDERS = """
SELECT l.pid, a.state FROM pg_locks l
JOIN pg_class c ON c.oid = l.relation
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND c.relname = 'events' AND l.mode = 'ExclusiveLock' AND l.granted
"""


class ClusterError(RuntimeError):
    pass


async def _fetch(dsn: str, sql: str) -> list[tuple[Any, ...]]:
    connection = await asyncpg.connect(dsn, timeout=10)
    try:
        return [tuple(row) for row in await connection.fetch(sql, timeout=10)]
    finally:
        await connection.close()


def fetch(dsn: str, sql: str) -> list[tuple[Any, ...]]:
    return run_sync(_fetch(dsn, sql))


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry.name))
    return found


@dataclass
class PrivateCluster:
    directory: Path
    bin_dir: Path
    port: int
    frozen: list[int] = field(default_factory=list)

    @classmethod
    def start(cls) -> PrivateCluster:
        bin_dir = _binaries()
        if bin_dir is None:
            raise ClusterError(
                "fault tests need PostgreSQL binaries under /usr/lib/postgresql/*/bin "
                "(apt-get install postgresql): they never touch the shared server"
            )
        directory = Path(tempfile.mkdtemp(prefix="motcua-reliability-pg-"))
        if _is_root():
            shutil.chown(directory, "postgres", "postgres")
        cluster = cls(directory, bin_dir, _free_port())
        initdb = [str(bin_dir / "initdb"), "-D", str(cluster.data), "-U", "postgres"]
        _run(_as_postgres([*initdb, "-A", "trust", "-E", "UTF8", "--no-sync"]))
        cluster.launch()
        return cluster

    @classmethod
    def standby_of(cls, primary: PrivateCluster) -> PrivateCluster:
        """A streaming standby of ``primary`` (``pg_basebackup -R``), hot, on a port of
        its own; ``pg_ctl promote`` makes it a primary (:meth:`promote`)."""
        directory = Path(tempfile.mkdtemp(prefix="motcua-reliability-standby-"))
        if _is_root():
            shutil.chown(directory, "postgres", "postgres")
        standby = cls(directory, primary.bin_dir, _free_port())
        backup = [str(primary.bin_dir / "pg_basebackup"), "-D", str(standby.data), "-R"]
        address = ["-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"]
        _run(_as_postgres([*backup, *address, "-X", "stream", "-c", "fast", "--no-sync"]))
        standby.launch()
        return standby

    def launch(self) -> None:
        """``pg_ctl start`` on our port and socket folder; returns once it accepts."""
        # fsync and full_page_writes keep their defaults (on), not set on the command
        # line, so that ALTER SYSTEM can turn them off for the durability self-check.
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.directory} -c max_connections=200"
        )
        self._pg_ctl("-o", options, "-w", "-t", "60", "start")

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def create_database(self) -> str:
        return create_database(self.dsn, prefix="motcua_reliability")

    def drop_database(self, url: str) -> None:
        drop_database(url)

    def sql(self, statement: str, dsn: str | None = None) -> None:
        run_sync(execute_sql(dsn or self.dsn, statement))

    def set_system(self, name: str, value: str | None) -> None:
        """``ALTER SYSTEM SET name = value`` (RESET when None), reloaded; returns once a
        new session sees it."""
        change = f"RESET {name}" if value is None else f"SET {name} = '{value}'"
        self.sql(f"ALTER SYSTEM {change}")
        self.sql("SELECT pg_reload_conf()")
        expected = (
            value
            or fetch(self.dsn, f"SELECT boot_val FROM pg_settings WHERE name = '{name}'")[0][0]
        )
        deadline = time.monotonic() + 10.0
        while fetch(self.dsn, f"SELECT current_setting('{name}')")[0][0] != expected:
            if time.monotonic() > deadline:
                raise ClusterError(f"{name} did not become {expected!r} after a reload")
            time.sleep(0.05)  # polling the reload against the deadline

    def restart(self, mode: str) -> None:
        """``pg_ctl restart -m immediate|fast``; returns once it accepts connections."""
        self._pg_ctl("-m", mode, "-w", "-t", "60", "restart")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "-t", "60", "stop")

    def promote(self) -> None:
        """A standby becomes a primary; returns once it accepts writes."""
        self._pg_ctl("-w", "-t", "60", "promote")

    def kill(self) -> None:
        """The machine dies: SIGKILL to the postmaster and every child, nothing flushed,
        and the pid file gone so that nothing starts this cluster again by mistake."""
        postmaster = self.postmaster_pid()
        children = _children(postmaster)  # before they are orphaned and adopted by init
        os.kill(postmaster, signal.SIGKILL)
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        (self.data / "postmaster.pid").unlink()

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().splitlines()[0])

    def freeze(self) -> list[int]:
        """SIGSTOP the postmaster (first, so it forks nothing new), then its children."""
        postmaster = self.postmaster_pid()
        os.kill(postmaster, signal.SIGSTOP)
        self.frozen = [postmaster]
        for child in _children(postmaster):
            os.kill(child, signal.SIGSTOP)
            self.frozen.append(child)
        return list(self.frozen)

    def thaw(self) -> None:
        """SIGCONT every process :meth:`freeze` stopped (children first)."""
        for pid in reversed(self.frozen):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.frozen = []

    def ensure_running(self) -> None:
        """After a test, whatever it did: thawed, and accepting connections."""
        self.thaw()
        if not self._accepting():
            self._pg_ctl("-w", "-t", "60", "start")

    def destroy(self) -> None:
        self.thaw()
        if self._accepting() or (self.data / "postmaster.pid").exists():
            self._pg_ctl("-m", "immediate", "-w", "-t", "60", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)

    def _accepting(self) -> bool:
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            try:
                self.sql("SELECT 1")
                return True
            except Exception:
                if not (self.data / "postmaster.pid").exists():
                    return False
                time.sleep(0.1)  # polling a deadline, not waiting blindly
        return False

    def _pg_ctl(self, *arguments: str) -> None:
        log = str(self.directory / "log")
        _run(
            _as_postgres(
                [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", log, *arguments]
            )
        )
