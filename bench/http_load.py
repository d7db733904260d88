"""The load generator for the HTTP scenarios: wrk when installed, else a small asyncio
HTTP/1.1 client (keep-alive, one request in flight per connection) in its own process.
Requests rotate over ``tokens`` (one Authorization each) and POST ``body`` (or rotate
over its bodies when it is a list).
Both print ``{"requests", "seconds", "non_2xx", "p50_ms", "p99_ms"}``."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.load import async_closed_loop

_LUA = """
local tokens = %s
local bodies = %s
local n = 0
request = function()
  n = n + 1
  local headers = {["Content-Type"] = "application/json",
                   ["Authorization"] = tokens[(n %% #tokens) + 1]}
  return wrk.format("POST", nil, headers, bodies[(n %% #bodies) + 1])
end
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
              + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "non_2xx": %%d, "p50_ms": %%f, "p99_ms": %%f}\\n',
    summary.requests, summary.duration / 1e6, bad,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


Body = dict[str, Any] | list[dict[str, Any]]


def measure(
    url: str,
    tokens: list[str],
    body: Body,
    *,
    seconds: float,
    connections: int,
    workdir: Path,
) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        command = [sys.executable, "-m", "bench.http_load", url, json.dumps(tokens)]
        command += [json.dumps(body), str(seconds), str(connections)]
        done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
        return {**json.loads(done.stdout.strip().splitlines()[-1]), "client": "asyncio"}
    script = workdir / "commands.lua"
    quoted = "{" + ", ".join(json.dumps(f"Bearer {t}") for t in tokens) + "}"
    bodies = [json.dumps(b, ensure_ascii=False) for b in _bodies(body)]
    listed = "{" + ", ".join(json.dumps(b, ensure_ascii=False) for b in bodies) + "}"
    script.write_text(_LUA % (quoted, listed))
    command = [
        "wrk",
        "-t2",
        "--timeout",
        "60s",  # wrk's own 2 s would drop the slow answers from the percentiles
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "-s",
        str(script),
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "client": "wrk"}


def _bodies(body: Body) -> list[dict[str, Any]]:
    return body if isinstance(body, list) else [body]


async def _client(
    url: str, tokens: list[str], body: Body, seconds: float, connections: int
) -> dict[str, Any]:
    host, port, path = _split(url)
    pool = [await asyncio.open_connection(host, port) for _ in range(connections)]
    idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for pair in pool:
        idle.put_nowait(pair)
    counter, non_2xx = [0], [0]
    bodies = [json.dumps(b).encode() for b in _bodies(body)]

    async def post() -> None:
        reader, writer = await idle.get()
        counter[0] += 1
        token = tokens[counter[0] % len(tokens)]
        payload = bodies[counter[0] % len(bodies)]
        writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
            + payload
        )
        status = int((await reader.readline()).split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        await reader.readexactly(length)
        non_2xx[0] += not 200 <= status < 300
        idle.put_nowait((reader, writer))

    measured = await async_closed_loop(
        post, workers=connections, seconds=seconds, warmup=0.0, keep_latencies=True
    )
    for _, writer in pool:
        writer.close()
    return {
        "requests": measured.operations,
        "seconds": measured.seconds,
        "non_2xx": non_2xx[0],
        "p50_ms": measured.percentile(0.50) * 1000,
        "p99_ms": measured.percentile(0.99) * 1000,
    }


def _split(url: str) -> tuple[str, int, str]:
    rest = url.removeprefix("http://")
    address, _, path = rest.partition("/")
    host, _, port = address.partition(":")
    return host, int(port or 80), "/" + path


if __name__ == "__main__":
    url, tokens, body, seconds, connections = sys.argv[1:6]
    answer = asyncio.run(
        _client(url, json.loads(tokens), json.loads(body), float(seconds), int(connections))
    )
    print(json.dumps(answer))
