"""The API behind pgbouncer in transaction mode, on loopback.

Its pools go through the pooler (no statement cache, no session settings at connect);
the projections' advisory locks and the listener take the direct URL. A clerk files a
dossier, asks for a supplement, and reads it back from the read models, each through
the pooler; the projections' locks are held by sessions pgbouncer never lent out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from domain.shared import Role
from tests.cluster.apps import app_over
from tests.cluster.pgbouncer import Pgbouncer
from tests.e2e.api import act, bearer, file, serving
from tests.reliability.cluster import PrivateCluster, fetch
from tests.reliability.load import ASK

pytestmark = pytest.mark.cluster
ADVISORY_HOLDERS = "SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"


def servers_lent_by(bouncer: Pgbouncer, cluster: PrivateCluster) -> set[int]:
    """The backends of the server connections pgbouncer holds (its ``SHOW SERVERS``)."""
    address = ["-h", "127.0.0.1", "-p", str(bouncer.port), "-U", "postgres", "pgbouncer"]
    shown = subprocess.run(
        [str(cluster.bin_dir / "psql"), *address, "-A", "-F", "|", "-c", "SHOW SERVERS"],
        check=True,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout.splitlines()
    column = shown[0].split("|").index("remote_pid")
    return {int(line.split("|")[column]) for line in shown[1:] if "|" in line}


async def test_file_act_and_read_through_pgbouncer(
    pooled_cluster: tuple[PrivateCluster, Pgbouncer], tmp_path: Path
) -> None:
    cluster, bouncer = pooled_cluster
    direct = cluster.create_database()
    # What deploy/postgresql/roles.sql sets on the role: the sessions' bounds, and no JIT
    # (asyncpg turns it off around its type introspection with two statements, which
    # pgbouncer may send to two server connections: the query then compiles for seconds).
    database = direct.rsplit("/", 1)[1]
    for setting in ("lock_timeout = '5s'", "statement_timeout = '30s'", "jit = off"):
        cluster.sql(f'ALTER DATABASE "{database}" SET {setting}')
    pooled = bouncer.url(direct)
    async with (
        app_over(pooled, tmp_path, transaction_pooler=True, direct_url=direct) as app,
        serving(app) as client,
    ):
        clerk = bearer(Role.CLERK)
        filed = [await file(client) for _ in range(3)]
        for dossier in filed:
            asked = await act(client, dossier, "request-supplement", ASK, Role.CLERK)
            assert asked.status_code == 200, asked.text
        waiting = await client.get("/api/v1/dossiers?status=awaiting_supplement", headers=clerk)
        assert waiting.status_code == 200, waiting.text
        assert sorted(i["code"] for i in waiting.json()["items"]) == sorted(
            d["code"] for d in filed
        )
        found = await client.get(f"/api/v1/dossiers?q={filed[0]['code']}", headers=clerk)
        assert [i["code"] for i in found.json()["items"]] == [filed[0]["code"]]
        status = await client.get(
            f"/api/v1/public/dossiers/{filed[1]['code']}",
            params={"secret": filed[1]["lookup_secret"]},
        )
        assert status.json()["timeline"][-1]["status"] == "awaiting_supplement"
        # Each projection's and relay's lock is held by a session of its own, opened on the
        # direct URL.
        holders = {row[0] for row in fetch(direct, ADVISORY_HOLDERS)}
        assert len(holders) == len(app.projections.runners) + len(app.projections.relays)
        assert holders.isdisjoint(servers_lent_by(bouncer, cluster))
    assert "ERROR" not in bouncer.log(), bouncer.log()[-2000:]
