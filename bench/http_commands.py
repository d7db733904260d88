"""Commands over HTTP to a server in its own process (uvicorn, one worker, access log off).

- ``motcua_http_commands``: ``interfaces.bootstrap:create_app`` on the run's database;
  every request files a dossier (``POST /api/v1/dossiers``: a receipt register and a new
  dossier, appended atomically), as a clerk of one of the units that accept the filing,
  rotating over them (each unit has its own receipt register, as desks do). Its detail
  also holds ``cpu_ms_per_filing``: the server process's CPU time (user + system, from
  ``/proc``) over the measured window, divided by the filings answered in it; the
  ``http_cpu_per_filing`` line of the table. The server renders each receipt in its form
  workers (``MOTCUA_FORM_WORKERS``, the default): their CPU is not the server's,
  and is reported beside it as ``forms_cpu_ms_per_filing`` (every process the server
  started).
- ``motcua_http_commands_forms_in_process``: the same with ``MOTCUA_FORM_WORKERS=0``, the
  receipts rendered in a thread of the server process (as before the form workers).
- ``starlette_bare``: a bare Starlette endpoint parsing the same JSON body, same server.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

from bench.context import WORKERS, Context, Result
from bench.http_load import measure
from bench.profile import PROFILE_ENV, recording
from domain.shared import Role
from infrastructure.settings import Settings
from interfaces.http.auth import issue_token

SECRET = "bench-jwt-secret-long-enough-for-hs256"
MASTER_KEY = base64.b64encode(bytes(range(32))).decode()
"""Wraps the health records' person keys; this scenario stores none."""
BODY = {
    "procedure_code": "LC.NCC.TCUD",
    "applicant": {
        "full_name": "Nguyễn Thị Mai",
        "citizen_id": "010203004005",
        "phone": "0912345678",
        "address": "12 Hoàng Liên, Cốc Lếu",
    },
    "documents": [{"name": "Bản khai"}],
    "channel": "desk",
}
FORM_WORKERS: int = Settings.model_fields["form_workers"].default
"""The server's own default (``MOTCUA_FORM_WORKERS``), whatever this shell's environment."""
UNITS = Path(__file__).resolve().parent.parent / "infrastructure" / "demo" / "units.json"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _server(app: str, env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
    with log.open("ab") as output:  # the app logs every request: keep it off the terminal
        server = subprocess.Popen(
            command, env={**os.environ, **env}, cwd=UNITS.parents[2], stdout=output, stderr=output
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        if server.poll() is not None:
            raise RuntimeError(f"{app} exited with {server.returncode}")
        yield f"http://127.0.0.1:{port}/api/v1/dossiers", server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) a running process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants_cpu_seconds(pid: int) -> float:
    """The CPU time the running descendants of ``pid`` have used so far (Linux)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    total = 0.0
    for child in found:
        try:
            total += cpu_seconds(child)
        except (OSError, IndexError):
            continue
    return total


def _files(url: str, token: str) -> bool:
    request = urllib.request.Request(
        url,
        data=json.dumps(BODY).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status) == 201
    except urllib.error.HTTPError:
        return False


def accepting_desks(url: str) -> list[tuple[str, str]]:
    """Every unit whose desk accepts the filing, with a clerk's token (one probe each)."""
    units = [u["code"] for u in json.loads(UNITS.read_text())["units"]]
    desks = [(unit, issue_token(SECRET, Role.CLERK, unit, f"bench@{unit}")) for unit in units]
    accepted = [(unit, token) for unit, token in desks if _files(url, token)]
    if not accepted:
        raise RuntimeError("no unit accepted the filing")
    return accepted


def _clerk_tokens(url: str) -> list[str]:
    return [token for _, token in accepting_desks(url)]


def _run(ctx: Context, app: str, env: dict[str, str], *, tokens_needed: bool) -> Result:
    profile = os.environ.get(PROFILE_ENV)
    with _server(app, env, ctx.workdir / "server.log") as (url, pid):
        tokens = _clerk_tokens(url) if tokens_needed else ["-"]
        warm = measure(
            url,
            tokens,
            BODY,
            seconds=max(ctx.warmup, 1.0),
            connections=WORKERS,
            workdir=ctx.workdir,
        )
        with recording(pid, Path(profile), ctx.seconds) if profile else nullcontext():
            cpu, helpers = cpu_seconds(pid), descendants_cpu_seconds(pid)
            measured = measure(
                url, tokens, BODY, seconds=ctx.seconds, connections=WORKERS, workdir=ctx.workdir
            )
            cpu = cpu_seconds(pid) - cpu
            helpers = descendants_cpu_seconds(pid) - helpers
    detail: dict[str, Any] = {**measured, "units": len(tokens), "warmup_non_2xx": warm["non_2xx"]}
    ok = measured["requests"] - measured["non_2xx"]
    detail["cpu_ms_per_filing"] = round(1000 * cpu / max(ok, 1), 3)
    detail["forms_cpu_ms_per_filing"] = round(1000 * helpers / max(ok, 1), 3)
    return Result(ok / measured["seconds"], "commands/s", detail)


async def motcua_http_commands(ctx: Context, form_workers: int = FORM_WORKERS) -> Result:
    env = {
        "MOTCUA_DATABASE_URL": ctx.dsn,
        "MOTCUA_JWT_SECRET": SECRET,
        "MOTCUA_MASTER_KEY": MASTER_KEY,
        "MOTCUA_FORM_WORKERS": str(form_workers),
    }
    return await asyncio.to_thread(
        _run, ctx, "interfaces.bootstrap:create_app", env, tokens_needed=True
    )


async def motcua_http_commands_forms_in_process(ctx: Context) -> Result:
    return await motcua_http_commands(ctx, form_workers=0)


async def starlette_bare(ctx: Context) -> Result:
    result = await asyncio.to_thread(
        _run, ctx, "bench.bare_app:create_app", {}, tokens_needed=False
    )
    result.unit = "requests/s"
    return result
