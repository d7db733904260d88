"""``motcua serve``'s process options, refused where they cannot work."""

from __future__ import annotations

from pathlib import Path

import pytest

from interfaces.cli import main


@pytest.mark.parametrize("arguments", [["--workers", "2"], ["--no-projections"]])
def test_several_processes_need_postgres(
    arguments: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # SQLite has one writer and in-process projections: one process serves it, as before.
    monkeypatch.setenv("MOTCUA_DATABASE_URL", f"sqlite:///{tmp_path / 'motcua.db'}")
    assert main(["serve", *arguments]) == 2
    assert "need PostgreSQL" in capsys.readouterr().err
    assert not (tmp_path / "motcua.db").exists()  # refused before opening anything


def test_workers_are_counted_from_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err
