"""``motcua verify`` and ``motcua projections`` on a SQLite file and a PostgreSQL schema."""

from __future__ import annotations

import base64

import pytest

from interfaces.cli import main
from tests.contract.conftest import Storage, storage
from tests.contract.test_event_store import SQL_ONLY
from tests.contract.test_hash_chain import ALTER_ONE_BYTE, tamper

__all__ = ["storage"]  # the contract suite's fixture
pytestmark = SQL_ONLY


@pytest.fixture
def seeded(storage: Storage, monkeypatch: pytest.MonkeyPatch) -> Storage:
    """The demo data (818 events: the unit history, the dossiers) in this test's storage."""
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
    assert "ok: 818 events checked" in capsys.readouterr().out
    # A dossier's event (the unit registry's 778 come first, and the app reads them at
    # start: altered, they stop it before it can verify anything).
    tamper(seeded, ALTER_ONE_BYTE[seeded.backend].replace("position = 4", "position = 782"))
    assert main(["verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("NOT OK: event 782 was altered; first bad position 782")


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
    assert [line.split()[:5] for line in lines[1:]] == [
        [name, "1", "stopped", "0", "818"]
        for name in ("inbox", "search", "public_status", "statistics", "audit_log")
    ]
    assert main(["projections", "rebuild", "audit_log"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "rebuilt audit_log up to position 818\n"
    assert "100.0% 818/818 events" in captured.err and "ev/s" in captured.err
    assert main(["projections", "status"]) == 0
    audit = capsys.readouterr().out.splitlines()[-1].split()
    assert audit[:5] == ["audit_log", "1", "stopped", "818", "0"]
    assert main(["projections", "rebuild", "no-such-view"]) == 2
