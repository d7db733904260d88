"""The dossier list on SQL: one row per dossier, one scope row per (reach, unit) it is
listed under, and the dialect's text index over the folded code and name.

A page is one range of the ``(reach, unit, filed)`` primary key, or of the scope
index by status or by procedure, newest filing first; a text query first finds the
matching dossiers in the text index.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from infrastructure.sql_views.sql import Dialect, Fetch, Flush, SqlSession, from_json, to_json
from projections.search import Reach, SearchDossier, SearchLine


class SqlSearchFamily:
    name = "search"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("search_dossiers", "search_scope", *dialect.text_search.tables())

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"""CREATE TABLE search_dossiers{s} (
                filed BIGINT PRIMARY KEY, status TEXT NOT NULL, procedure TEXT NOT NULL,
                search_text TEXT NOT NULL, document TEXT NOT NULL)""",
            f"""CREATE TABLE search_scope{s} (
                reach TEXT NOT NULL, unit TEXT NOT NULL, filed BIGINT NOT NULL,
                status TEXT NOT NULL, procedure TEXT NOT NULL,
                PRIMARY KEY (reach, unit, filed))""",
            f"CREATE INDEX search_scope{s}_status ON search_scope{s} (reach, unit, status, filed)",
            f"CREATE INDEX search_scope{s}_procedure "
            f"ON search_scope{s} (reach, unit, procedure, filed)",
            f"CREATE INDEX search_scope{s}_dossier ON search_scope{s} (filed)",
            *dialect.text_search.ddl(s),
        ]

    def writer(
        self, session: SqlSession, s: str, dialect: Dialect
    ) -> tuple[SqlSearchWriter, Flush]:
        writer = SqlSearchWriter(session, s, dialect)
        return writer, writer.flush


class SqlSearchWriter:
    def __init__(self, session: SqlSession, s: str, dialect: Dialect) -> None:
        self._session = session
        self._s = s
        self._dialect = dialect
        self._pending: dict[int, SearchDossier] = {}

    async def put(self, dossier: SearchDossier) -> None:
        earlier = self._pending.get(dossier.filed)
        new = dossier.new or (earlier is not None and earlier.new)
        self._pending[dossier.filed] = replace(dossier, new=new) if new else dossier

    async def flush(self) -> None:
        if not self._pending:
            return
        s, dossiers = self._s, list(self._pending.values())
        filed = [(dossier.filed,) for dossier in dossiers]
        await self._session.executemany(f"DELETE FROM search_scope{s} WHERE filed = ?", filed)
        await self._session.executemany(
            f"INSERT INTO search_dossiers{s} (filed, status, procedure, search_text, document) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (filed) DO UPDATE SET status = excluded.status, "
            "procedure = excluded.procedure, document = excluded.document",
            [(d.filed, d.status, d.procedure, d.text, to_json(d.document)) for d in dossiers],
        )
        await self._session.executemany(
            f"INSERT INTO search_scope{s} (reach, unit, filed, status, procedure) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (reach.value, unit, d.filed, d.status, d.procedure)
                for d in dossiers
                for reach, unit in sorted(d.reach)
            ],
        )
        await self._dialect.text_search.add(
            self._session, s, [(d.filed, d.text) for d in dossiers if d.new]
        )
        self._pending.clear()


class SqlSearchReader:
    def __init__(self, fetch: Fetch, dialect: Dialect) -> None:
        self._fetch = fetch
        self._matching = dialect.text_search.matching("")

    async def page(
        self,
        reach: Reach,
        unit: str,
        *,
        status: str | None,
        procedure: str | None,
        text: str | None,
        before: int | None,
        limit: int,
    ) -> list[SearchLine]:
        where, parameters = ["s.reach = ?", "s.unit = ?"], list[Any]([reach.value, unit])
        for column, value in (("status", status), ("procedure", procedure)):
            if value is not None:
                where.append(f"s.{column} = ?")
                parameters.append(value)
        if before is not None:
            where.append("s.filed < ?")
            parameters.append(before)
        if text:
            where.append(f"s.filed IN ({self._matching})")
            parameters.append(f"%{text}%")
        rows = await self._fetch(
            "SELECT s.filed, d.document FROM search_scope s "
            "JOIN search_dossiers d ON d.filed = s.filed "
            f"WHERE {' AND '.join(where)} ORDER BY s.filed DESC LIMIT ?",
            [*parameters, limit],
        )
        return [SearchLine(int(filed), from_json(text)) for filed, text in rows]
