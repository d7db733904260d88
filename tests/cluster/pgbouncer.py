"""pgbouncer in transaction mode on a free loopback port, in front of a private cluster.

It runs in the foreground as a child process (as the ``postgres`` user when we are root:
pgbouncer refuses to run as root), from a configuration written in a temporary folder,
and is stopped by the test that started it, through its own pid file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.postgres_server import _as_postgres, _free_port, _is_root, with_database
from tests.reliability.cluster import ClusterError, PrivateCluster

PGBOUNCER = Path("/usr/sbin/pgbouncer")
CONFIGURATION = """\
[databases]
* = host=127.0.0.1 port={server_port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {directory}/users.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 200
default_pool_size = 8
pidfile = {directory}/pgbouncer.pid
logfile = {directory}/pgbouncer.log
"""


@dataclass
class Pgbouncer:
    directory: Path
    port: int
    process: subprocess.Popen[bytes]

    @classmethod
    def start(cls, cluster: PrivateCluster) -> Pgbouncer:
        if not PGBOUNCER.exists():
            raise ClusterError(
                "the pooler's tests need pgbouncer (apt-get install pgbouncer; "
                "scripts/test_services.sh installs it)"
            )
        directory = Path(tempfile.mkdtemp(prefix="motcua-pgbouncer-"))
        port = _free_port()
        (directory / "users.txt").write_text('"postgres" ""\n')
        settings = CONFIGURATION.format(server_port=cluster.port, port=port, directory=directory)
        (directory / "pgbouncer.ini").write_text(settings)
        if _is_root():
            for path in (directory, *directory.iterdir()):
                shutil.chown(path, "postgres", "postgres")
        process = subprocess.Popen(
            _as_postgres([str(PGBOUNCER), str(directory / "pgbouncer.ini")]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        bouncer = cls(directory, port, process)
        bouncer._wait_listening()
        return bouncer

    def url(self, database_url: str) -> str:
        """``database_url``'s database, through the pooler."""
        return with_database(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", database_url.rsplit("/", 1)[1]
        )

    def log(self) -> str:
        path = self.directory / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        pid_file = self.directory / "pgbouncer.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ClusterError(f"pgbouncer exited: {self.log()[-2000:]}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1),
            ):
                return
            time.sleep(0.05)  # polling its start against the deadline
        raise ClusterError(f"pgbouncer did not listen in time: {self.log()[-2000:]}")
