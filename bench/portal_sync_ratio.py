"""HTTP filings per second with and without the national portal sync, in one run:
``PYTHONPATH=. .venv/bin/python -m bench.portal_sync_ratio [pairs] [seconds]``.

Each pair starts ``motcua serve`` on a fresh SQLite file twice, without and then with
``MOTCUA_PORTAL_URL`` pointed at the tests' fake portal (loopback, 5 ms a call; it runs
in this process, so its CPU counts against the server's on a small machine), and loads
it with the same filings (wrk, or bench's asyncio client). Prints one JSON line a run
and the ratio of each pair; how many dossiers the portal had when the load stopped shows
how far the sync lags behind the desks.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.context import WORKERS
from bench.http_commands import BODY, SECRET, _clerk_tokens
from bench.http_load import measure
from tests.outbound.fake_portal import PASSWORD, USER, FakePortal
from tests.reliability.server import Server


def filings(env: dict[str, str], seconds: float) -> dict[str, Any]:
    directory = Path(tempfile.mkdtemp(prefix="motcua-portal-bench-"))
    server = Server(f"sqlite:///{directory / 'motcua.db'}", directory, extra_env=env)
    server.extra_env["MOTCUA_JWT_SECRET"] = SECRET
    server.start()
    try:
        url = server.url + "/api/v1/dossiers"
        tokens = _clerk_tokens(url)
        measure(url, tokens, BODY, seconds=2.0, connections=WORKERS, workdir=directory)
        return measure(url, tokens, BODY, seconds=seconds, connections=WORKERS, workdir=directory)
    finally:
        server.stop()


def rate(measured: dict[str, Any]) -> float:
    return float(measured["requests"] - measured["non_2xx"]) / float(measured["seconds"])


def main(pairs: int = 2, seconds: float = 15.0) -> None:
    for _ in range(pairs):
        portal = FakePortal().start()
        portal.delay_seconds = 0.005
        env = {"MOTCUA_PORTAL_URL": portal.url, "MOTCUA_PORTAL_USER": USER}
        env["MOTCUA_PORTAL_PASSWORD"] = PASSWORD
        without = filings({}, seconds)
        with_sync = filings(env, seconds)
        on_portal = len(portal.records)
        portal.stop()
        print(json.dumps({"without": without, "with_portal_sync": with_sync}))
        print(
            json.dumps(
                {
                    "ratio": round(rate(with_sync) / rate(without), 3),
                    "violations": len(portal.violations),
                    "dossiers_on_portal_when_load_stopped": on_portal,
                    "dossiers_filed": with_sync["requests"] - with_sync["non_2xx"],
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    given = sys.argv[1:]
    main(int(given[0]) if given else 2, float(given[1]) if len(given) > 1 else 15.0)
