"""The inbox on SQL: one row per dossier (its document), one per (unit, role) awaiting it.

A page is one range of the ``(unit, role, due, filed)`` primary key, or of the
``(unit, role, status, due, filed)`` index when filtered by status.
"""

from __future__ import annotations

from typing import Any

from domain.dossiers.status import Status
from infrastructure.sql_views.sql import Dialect, Fetch, Flush, SqlSession, from_json, to_json
from projections.inbox import InboxDossier, InboxLine

_PROCESSING = Status.IN_PROCESSING.value


class SqlInboxFamily:
    name = "inbox"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("inbox_dossiers", "inbox_entries")

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"CREATE TABLE inbox_dossiers{s} (filed BIGINT PRIMARY KEY, document TEXT NOT NULL)",
            f"""CREATE TABLE inbox_entries{s} (
                unit TEXT NOT NULL, role TEXT NOT NULL, due BIGINT NOT NULL,
                filed BIGINT NOT NULL, status TEXT NOT NULL, procedure TEXT NOT NULL,
                PRIMARY KEY (unit, role, due, filed))""",
            f"CREATE INDEX inbox_entries{s}_status "
            f"ON inbox_entries{s} (unit, role, status, due, filed)",
            f"CREATE INDEX inbox_entries{s}_dossier ON inbox_entries{s} (filed)",
        ]

    def writer(self, session: SqlSession, s: str, dialect: Dialect) -> tuple[SqlInboxWriter, Flush]:
        writer = SqlInboxWriter(session, s)
        return writer, writer.flush


class SqlInboxWriter:
    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._pending: dict[int, InboxDossier] = {}

    async def put(self, dossier: InboxDossier) -> None:
        self._pending[dossier.filed] = dossier

    async def flush(self) -> None:
        if not self._pending:
            return
        s, dossiers = self._s, list(self._pending.values())
        filed = [(dossier.filed,) for dossier in dossiers]
        await self._session.executemany(f"DELETE FROM inbox_entries{s} WHERE filed = ?", filed)
        await self._session.executemany(f"DELETE FROM inbox_dossiers{s} WHERE filed = ?", filed)
        waiting = [dossier for dossier in dossiers if dossier.awaited_by]
        await self._session.executemany(
            f"INSERT INTO inbox_dossiers{s} (filed, document) VALUES (?, ?)",
            [(dossier.filed, to_json(dossier.document)) for dossier in waiting],
        )
        await self._session.executemany(
            f"INSERT INTO inbox_entries{s} (unit, role, due, filed, status, procedure) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (unit, role, dossier.due, dossier.filed, dossier.status, dossier.procedure)
                for dossier in waiting
                for unit, role in dossier.awaited_by
            ],
        )
        self._pending.clear()


class SqlInboxReader:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def page(
        self,
        unit: str,
        role: str,
        *,
        status: str | None,
        overdue: bool | None,
        today: int,
        after: tuple[int, int] | None,
        limit: int,
        procedure: str | None = None,
    ) -> list[InboxLine]:
        where, parameters = ["e.unit = ?", "e.role = ?"], list[Any]([unit, role])
        for column, value in (("status", status), ("procedure", procedure)):
            if value is not None:
                where.append(f"e.{column} = ?")
                parameters.append(value)
        if overdue is True:
            where.append("e.status = ? AND e.due < ?")
            parameters += [_PROCESSING, today]
        elif overdue is False:
            where.append("NOT (e.status = ? AND e.due < ?)")
            parameters += [_PROCESSING, today]
        if after is not None:
            where.append("(e.due, e.filed) > (?, ?)")
            parameters += list(after)
        rows = await self._fetch(
            "SELECT e.due, e.filed, d.document FROM inbox_entries e "
            "JOIN inbox_dossiers d ON d.filed = e.filed "
            f"WHERE {' AND '.join(where)} ORDER BY e.due, e.filed LIMIT ?",
            [*parameters, limit],
        )
        return [InboxLine(int(due), int(filed), from_json(text)) for due, filed, text in rows]

    async def counts(self, unit: str, role: str, *, today: int) -> dict[str, int]:
        rows = await self._fetch(
            "SELECT status, COUNT(*), SUM(CASE WHEN status = ? AND due < ? THEN 1 ELSE 0 END) "
            "FROM inbox_entries WHERE unit = ? AND role = ? GROUP BY status",
            [_PROCESSING, today, unit, role],
        )
        counts = {str(status): int(count) for status, count, _ in rows}
        counts["overdue"] = sum(int(late or 0) for _, _, late in rows)
        return counts
