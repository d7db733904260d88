"""Possible duplicates on SQL: one row per open dossier, found by (citizen print,
procedure) through an index."""

from __future__ import annotations

from infrastructure.sql_views.sql import Dialect, Fetch, Flush, SqlSession
from projections.possible_duplicates import OpenDossier

_SELECT = (
    "SELECT code FROM open_dossiers{s} WHERE citizen = ? AND procedure = ? ORDER BY code LIMIT ?"
)


class SqlPossibleDuplicatesFamily:
    name = "possible_duplicates"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("open_dossiers",)

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"""CREATE TABLE open_dossiers{s} (
                dossier_id TEXT PRIMARY KEY, code TEXT NOT NULL,
                citizen TEXT NOT NULL, procedure TEXT NOT NULL)""",
            f"CREATE INDEX open_dossiers{s}_citizen ON open_dossiers{s} (citizen, procedure)",
        ]

    def writer(
        self, session: SqlSession, s: str, dialect: Dialect
    ) -> tuple[SqlPossibleDuplicatesWriter, Flush]:
        writer = SqlPossibleDuplicatesWriter(session, s)
        return writer, writer.flush


class SqlPossibleDuplicatesWriter:
    """Writes in event order: a batch's last word on each dossier is what is stored."""

    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._pending: dict[str, OpenDossier | None] = {}

    async def put(self, dossier: OpenDossier) -> None:
        self._pending[dossier.dossier_id] = dossier

    async def remove(self, dossier_id: str) -> None:
        self._pending[dossier_id] = None

    async def flush(self) -> None:
        if not self._pending:
            return
        s = self._s
        await self._session.executemany(
            f"DELETE FROM open_dossiers{s} WHERE dossier_id = ?", [(k,) for k in self._pending]
        )
        rows = [
            (d.dossier_id, d.code, d.citizen, d.procedure)
            for d in self._pending.values()
            if d is not None
        ]
        if rows:
            await self._session.executemany(
                f"INSERT INTO open_dossiers{s} (dossier_id, code, citizen, procedure) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )
        self._pending.clear()


class SqlPossibleDuplicatesReader:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def codes(self, citizen: str, procedure: str, limit: int) -> list[str]:
        rows = await self._fetch(_SELECT.format(s=""), (citizen, procedure, limit))
        return [str(row[0]) for row in rows]
