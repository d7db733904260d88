"""A file only ever appended to, one line at a time, each line on disk (fsync) before the
call returns; created mode 0600. The ledgers kept beside the keys, apart from the
database (erasures, chain checkpoints), are such files."""

from __future__ import annotations

import os
from pathlib import Path


def append_line(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as ledger:
        ledger.write(line if line.endswith("\n") else line + "\n")
        ledger.flush()
        os.fsync(ledger.fileno())
