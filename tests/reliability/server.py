"""``motcua serve`` as a child process on a free loopback port: start, SIGKILL, restart.

Its stdout and stderr go to a log file in the test's directory; :meth:`Server.log` reads
it back (a failed start quotes its tail).
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.e2e.api import SECRET
from tests.postgres_server import _free_port

MOTCUA = Path(sys.executable).with_name("motcua")
MASTER_KEY = base64.b64encode(bytes(range(32))).decode()  # a test key, never a real one


class ServerError(RuntimeError):
    pass


@dataclass
class Server:
    database_url: str
    directory: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.directory / f"server-{self.port}.log"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "MOTCUA_DATABASE_URL": self.database_url,
            "MOTCUA_HOST": "127.0.0.1",
            "MOTCUA_PORT": str(self.port),
            "MOTCUA_JWT_SECRET": SECRET,
            "MOTCUA_MASTER_KEY": MASTER_KEY,
            **self.extra_env,
        }

    def start(self, within: float = 30.0) -> float:
        """Start the server; return the seconds until ``/health/ready`` answered 200."""
        started = time.monotonic()
        self.spawn("serve")
        self.wait_ready(started + within)
        return time.monotonic() - started

    def spawn(self, *command: str) -> None:
        """``motcua COMMAND...`` in the background, logging to :attr:`log_path`."""
        if not MOTCUA.exists():
            raise ServerError(f"no {MOTCUA}: install the project into the venv (scripts/test)")
        if self.process is not None and self.process.poll() is None:
            raise ServerError("already running")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(MOTCUA), *command],
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.directory,
            )
        self.starts += 1

    def wait_ready(self, deadline: float) -> None:
        with httpx.Client(base_url=self.url, timeout=1.0) as client:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    raise ServerError(f"motcua serve exited: {self.tail()}")
                try:
                    if client.get("/health/ready").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.02)  # polling against the deadline
        raise ServerError(f"not ready in time: {self.tail()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def unhandled(self) -> list[str]:
        """The errors the server logged as unexpected (``http.unhandled``): each one's
        type and the last lines of its frames."""
        found = []
        for line in self.log().splitlines():
            if '"http.unhandled"' in line:
                logged = json.loads(line)
                found.append(f"{logged['error']}: {logged['frames'][-1500:]}")
        return found

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log().splitlines()[-lines:])
