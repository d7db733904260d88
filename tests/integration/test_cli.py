"""``motcua verify`` and ``motcua projections`` on a SQLite file and a PostgreSQL schema."""

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
    """The demo dossiers (17 events) in this test's storage."""
    if storage.sqlite_path is not None:
        url = f"sqlite:///{storage.sqlite_path}"
    else:
        url = f"{storage.postgres_url}?search_path={storage.postgres_schema}"
    monkeypatch.setenv("MOTCUA_DATABASE_URL", url)
    monkeypatch.setenv("MOTCUA_MASTER_KEY", base64.b64encode(bytes(range(32))).decode())
    assert main(["seed", "--demo"]) == 0
    return storage


def test_verify_fails_once_a_stored_event_was_altered(
    seeded: Storage, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify"]) == 0
    assert "ok: 17 events checked" in capsys.readouterr().out
    tamper(seeded, ALTER_ONE_BYTE[seeded.backend])
    assert main(["verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("NOT OK: event 4 was altered; first bad position 4")


def test_projections_status_and_rebuild(
    seeded: Storage, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
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
    versions = {"inbox": "2", "statistics": "2"}  # entries name their procedure; late notices
    assert [line.split()[:5] for line in lines[1:]] == [
        [name, versions.get(name, "1"), "stopped", "0", "17"] for name in STATUS_NAMES
    ]
    assert main(["projections", "rebuild", "audit_log"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "rebuilt audit_log up to position 17\n"
    assert "100.0% 17/17 events" in captured.err and "ev/s" in captured.err
    assert main(["projections", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    audit = next(line.split() for line in lines if line.startswith("audit_log"))
    assert audit[:5] == ["audit_log", "1", "stopped", "17", "0"]
    assert main(["projections", "rebuild", "no-such-view"]) == 2


def test_verify_against_a_checkpoint_kept_in_a_file_or_at_a_url(
    seeded: Storage,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("MOTCUA_KEY_DIRECTORY", str(tmp_path / "keys"))
    capsys.readouterr()
    assert main(["checkpoint"]) == 0
    kept = tmp_path / "site" / "checkpoint.json"
    kept.parent.mkdir()
    kept.write_text(capsys.readouterr().out)
    assert json.loads(kept.read_text())["position"] == 17

    # The log cut short at its end: the chain alone holds, the server's ledger sees it.
    tamper(seeded, "DELETE FROM events WHERE position > 15")
    assert main(["verify"]) == 1
    assert "the log ends at 15, short of the checkpoint at 17" in capsys.readouterr().out
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
    assert "short of the checkpoint at 17" in capsys.readouterr().out
