"""The startup self-check: a store configured to lose acknowledged commits is refused.

An acknowledged command must survive a crash of the machine, not only of the process.
PostgreSQL needs ``fsync`` and ``full_page_writes`` on and ``synchronous_commit`` not
``off`` (``on``, ``local``, ``remote_write`` and ``remote_apply`` all wait for the local
WAL flush); SQLite needs WAL with ``synchronous`` FULL (or EXTRA). An explicit override
(``MOTCUA_ALLOW_UNSAFE_DURABILITY=1``) lets a benchmark or a throwaway demo run anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

OVERRIDE = "MOTCUA_ALLOW_UNSAFE_DURABILITY=1"
POSTGRES_SETTINGS = ("fsync", "full_page_writes", "synchronous_commit")
_SQLITE_FULL = {"2", "3"}  # PRAGMA synchronous: 2 FULL, 3 EXTRA


class UnsafeDurability(RuntimeError):
    def __init__(self, store: str, problems: Sequence[str]) -> None:
        super().__init__(
            f"refusing to start: the {store} store would lose acknowledged commits in a "
            f"crash ({'; '.join(problems)}). Fix the database's configuration, or set "
            f"{OVERRIDE} to run anyway (benchmarks, throwaway demos)."
        )
        self.problems = list(problems)


def postgres_problems(settings: Mapping[str, str]) -> list[str]:
    """What is unsafe in the session's ``fsync``, ``full_page_writes`` and
    ``synchronous_commit`` (as ``current_setting`` reads them)."""
    problems = [
        f"{name} = {settings.get(name)!r}, must be 'on'"
        for name in ("fsync", "full_page_writes")
        if settings.get(name) != "on"
    ]
    if settings.get("synchronous_commit", "off") == "off":
        problems.append("synchronous_commit = 'off', must wait for the WAL flush ('on')")
    return problems


def sqlite_problems(journal_mode: str, synchronous: str) -> list[str]:
    """What is unsafe in the writer connection's ``journal_mode`` and ``synchronous``."""
    problems = []
    if journal_mode.lower() != "wal":
        problems.append(f"journal_mode = {journal_mode!r}, must be 'wal'")
    if synchronous not in _SQLITE_FULL:
        problems.append(f"synchronous = {synchronous}, must be 2 (FULL)")
    return problems
