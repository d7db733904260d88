"""``motcua verify``, ``motcua projections`` and ``motcua reorganise`` on a SQLite file and
a PostgreSQL schema."""

from __future__ import annotations

import base64
import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from interfaces.cli import main
from tests.contract.conftest import Storage, storage
from tests.contract.test_event_store import SQL_ONLY
from tests.contract.test_hash_chain import ALTER_ONE_BYTE, tamper
from tests.examples import STATUS_NAMES

__all__ = ["storage"]  # the contract suite's fixture
pytestmark = SQL_ONLY


@pytest.fixture
def seeded(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> Storage:
    """What ``motcua seed --demo`` leaves in this test's storage today: the unit registry
    recorded at start (the demo dossiers are filed at units in force only before 2025-07-01,
    so not on today's clock)."""
    if storage.sqlite_path is not None:
        url = f"sqlite:///{storage.sqlite_path}"
    else:
        url = f"{storage.postgres_url}?search_path={storage.postgres_schema}"
    monkeypatch.setenv("MOTCUA_DATABASE_URL", url)
    monkeypatch.setenv("MOTCUA_MASTER_KEY", base64.b64encode(bytes(range(32))).decode())
    assert main(["seed", "--demo"]) == 0
    return storage


def stored(capsys: pytest.CaptureFixture[str]) -> int:
    """How many events the store holds, as ``motcua verify`` counts them."""
    capsys.readouterr()
    assert main(["verify"]) == 0
    return int(capsys.readouterr().out.split()[1])


def test_verify_fails_once_a_stored_event_was_altered(
    seeded: Storage, capsys: pytest.CaptureFixture[str]
) -> None:
    assert stored(capsys) > 4
    tamper(seeded, ALTER_ONE_BYTE[seeded.backend])
    assert main(["verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("NOT OK: event 4 was altered; first bad position 4")


def test_projections_status_and_rebuild(
    seeded: Storage, capsys: pytest.CaptureFixture[str]
) -> None:
    events = stored(capsys)
    assert main(["projections", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "projection",
        "version",
        "state",
        "position",
        "lag",
        "last",
        "error",
    ]
    versions = {"inbox": "3", "search": "2", "statistics": "3"}  # fees, duplicates
    assert [line.split()[:5] for line in lines[1:]] == [
        [name, versions.get(name, "1"), "stopped", "0", str(events)] for name in STATUS_NAMES
    ]
    assert main(["projections", "rebuild", "audit_log"]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"rebuilt audit_log up to position {events}\n"
    assert f"100.0% {events}/{events} events" in captured.err and "ev/s" in captured.err
    assert main(["projections", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    audit = next(line.split() for line in lines if line.startswith("audit_log"))
    assert audit[:5] == ["audit_log", "1", "stopped", str(events), "0"]
    assert main(["projections", "rebuild", "no-such-view"]) == 2


def test_verify_against_a_checkpoint_kept_in_a_file_or_at_a_url(
    seeded: Storage,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("MOTCUA_KEY_DIRECTORY", str(tmp_path / "keys"))
    events = stored(capsys)
    assert main(["checkpoint"]) == 0
    kept = tmp_path / "site" / "checkpoint.json"
    kept.parent.mkdir()
    kept.write_text(capsys.readouterr().out)
    assert json.loads(kept.read_text())["position"] == events

    # The log cut short at its end: the chain alone holds, the server's ledger sees it.
    tamper(seeded, f"DELETE FROM events WHERE position > {events - 2}")
    assert main(["verify"]) == 1
    cut = f"the log ends at {events - 2}, short of the checkpoint at {events}"
    assert cut in capsys.readouterr().out
    # A server whose ledger was lost (a fresh key directory, same key) cannot tell…
    (tmp_path / "keys" / "motcua-checkpoints.jsonl").unlink()
    assert main(["verify"]) == 0
    # …unless handed the checkpoint someone kept: from a file, or from a URL.
    assert main(["verify", "--checkpoint", str(kept)]) == 1
    handler = partial(SimpleHTTPRequestHandler, directory=str(kept.parent))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as site:
        threading.Thread(target=site.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{site.server_address[1]}/checkpoint.json"
        assert main(["verify", "--checkpoint", url]) == 1
        site.shutdown()
    assert f"short of the checkpoint at {events}" in capsys.readouterr().out


def test_reorganise_records_a_plan_or_lists_every_change_at_fault(
    seeded: Storage, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The twin of POST /api/v1/reorganisations, on today's tree (the new province, 15).
    plan = {
        "effective": "2099-01-01",
        "legal_basis": "Nghị quyết thử (CLI)",
        "changes": [
            {"kind": "rename", "unit": "02647", "name": "Phường Lào Cai Mới"},
            {"kind": "rename", "unit": "99999", "name": "Xã Không Có"},
        ],
    }
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    bad.write_text(json.dumps(plan), encoding="utf-8")
    good.write_text(json.dumps({**plan, "changes": plan["changes"][:1]}), encoding="utf-8")
    events = stored(capsys)
    assert main(["reorganise", str(bad)]) == 1
    assert "changes[1].unit: no unit has the code 99999" in capsys.readouterr().err
    assert stored(capsys) == events
    assert main(["reorganise", str(good)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "effective": "2099-01-01",
        "legal_basis": "Nghị quyết thử (CLI)",
        "changes": 1,
        "pending": True,
    }
    assert stored(capsys) == events + 2  # the plan's mark and the renaming
