"""Server time of the officer's desk pages (issue 16: p95 ≤ 50 ms on the demo data).

``python -m bench.desk_pages [--extra N] [--rounds R]``: the whole application on a
fresh SQLite file in a temporary folder, served by uvicorn on loopback, with N
dossiers received at Cốc Lếu's desk first (4 by default, as many as the demo seed;
more for a busier inbox). Each page is fetched R times by a client on the same
machine; the times are the client's, so they bound the server's from above. Prints
p50/p95/max per page and each page's size.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from infrastructure.settings import Settings
from interfaces.bootstrap import create_app
from interfaces.http.auth import issue_token

SECRET = "bench-desk-secret-long-enough-for-hs256!"
COMMUNE = "02647"  # phường Lào Cai: a desk in force on the system clock (after 2025)
MERIT = "LC.NCC.TCUD"


def _serve(database: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    settings = Settings(database_url=f"sqlite:///{database}", jwt_secret=SECRET)
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), log_level="warning", access_log=False, ws="none")
    )
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    host, port = listener.getsockname()
    return server, thread, f"http://{host}:{port}"


def _bearer(role: str, unit: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(SECRET, role, unit, f'{role}@{unit}')}"}


def _timed(client: httpx.Client, path: str, headers: dict[str, str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        answer = client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--extra", type=int, default=4, help="dossiers received at Cốc Lếu first")
    parser.add_argument("--rounds", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, thread, url = _serve(Path(folder) / "motcua.sqlite3")
        clerk = _bearer("clerk", COMMUNE)
        with httpx.Client(base_url=url, timeout=30) as client:
            while client.get("/health/ready").status_code != 200:
                time.sleep(0.1)
            body = {
                "procedure_code": MERIT,
                "applicant": {"full_name": "Nguyễn Văn An", "citizen_id": "010203004005"},
                "documents": [{"name": "Bản khai"}],
            }
            dossier = None
            for _ in range(max(1, options.extra)):
                dossier = client.post("/api/v1/dossiers", json=body, headers=clerk).json()
            assert dossier is not None
            pages = {
                "inbox": "/can-bo/hop-thu",
                "inbox, search 'nguyen van'": "/can-bo/hop-thu?q=nguyen+van",
                "inbox, overdue only": "/can-bo/hop-thu?qua-han=1",
                "intake form": "/can-bo/tiep-nhan",
                "dossier page": f"/can-bo/ho-so/{dossier['id']}",
            }
            rows = [f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KB':>6}"]
            for name, path in pages.items():
                _timed(client, path, clerk, 10)  # warm
                times = sorted(_timed(client, path, clerk, options.rounds))
                size = len(client.get(path, headers=clerk).content) / 1024
                p95 = times[int(len(times) * 0.95) - 1]
                rows.append(
                    f"{name:32} {statistics.median(times):8.1f} {p95:8.1f} "
                    f"{times[-1]:8.1f} {size:6.1f}"
                )
        server.should_exit = True
        thread.join(timeout=30)
    print("\n".join(rows))  # after the server's own log lines


if __name__ == "__main__":
    main()
