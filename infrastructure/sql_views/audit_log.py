"""The audit log on SQL: the events, each stream's scope, and one scope row per event and
unit whose auditors see it. A page is one range of the ``(unit, position)`` key."""

from __future__ import annotations

from typing import Any

from infrastructure.sql_views.sql import Dialect, Fetch, Flush, SqlSession, from_json, to_json
from projections.audit_log import AuditEntry


class SqlAuditLogFamily:
    name = "audit_log"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("audit_events", "audit_scope", "audit_streams")

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"""CREATE TABLE audit_events{s} (
                position BIGINT PRIMARY KEY, stream_id TEXT NOT NULL, item TEXT NOT NULL)""",
            f"CREATE INDEX audit_events{s}_stream ON audit_events{s} (stream_id, position)",
            f"""CREATE TABLE audit_scope{s} (
                unit TEXT NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (unit, position))""",
            f"""CREATE TABLE audit_streams{s} (
                stream_id TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (stream_id, unit))""",
        ]

    def writer(
        self, session: SqlSession, s: str, dialect: Dialect
    ) -> tuple[SqlAuditLogWriter, Flush]:
        writer = SqlAuditLogWriter(session, s)
        return writer, writer.flush


class SqlAuditLogWriter:
    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._entries: list[AuditEntry] = []
        self._scopes: dict[str, frozenset[str]] = {}

    async def stream_scope(self, stream_id: str) -> frozenset[str]:
        if stream_id not in self._scopes:
            rows = await self._session.fetch(
                f"SELECT unit FROM audit_streams{self._s} WHERE stream_id = ?", (stream_id,)
            )
            self._scopes[stream_id] = frozenset(str(row[0]) for row in rows)
        return self._scopes[stream_id]

    async def record(self, entry: AuditEntry) -> None:
        self._entries.append(entry)
        self._scopes[entry.stream_id] = entry.scope

    async def flush(self) -> None:
        """Events first, so that a unit new to a stream gets scope rows for all of its
        events, those of this batch included."""
        if not self._entries:
            return
        s, entries = self._s, self._entries
        await self._session.executemany(
            f"INSERT INTO audit_events{s} (position, stream_id, item) VALUES (?, ?, ?)",
            [(e.position, e.stream_id, to_json(e.item)) for e in entries],
        )
        await self._session.executemany(
            f"INSERT INTO audit_scope{s} (unit, position) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(unit, e.position) for e in entries for unit in sorted(e.scope - e.added)],
        )
        added = [(unit, e.stream_id) for e in entries for unit in sorted(e.added)]
        await self._session.executemany(
            f"INSERT INTO audit_streams{s} (unit, stream_id) VALUES (?, ?)", added
        )
        await self._session.executemany(
            f"INSERT INTO audit_scope{s} (unit, position) "
            f"SELECT CAST(? AS TEXT), position FROM audit_events{s} WHERE stream_id = ? "
            "ON CONFLICT DO NOTHING",
            added,
        )
        self._entries = []


class SqlAuditLogReader:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def page(self, unit: str, after: int, limit: int) -> list[dict[str, Any]]:
        rows = await self._fetch(
            "SELECT e.item FROM audit_scope s JOIN audit_events e ON e.position = s.position "
            "WHERE s.unit = ? AND s.position > ? ORDER BY s.position LIMIT ?",
            (unit, after, limit),
        )
        return [from_json(str(row[0])) for row in rows]

    async def visible(self, unit: str, after: int, upto: int) -> set[int]:
        rows = await self._fetch(
            "SELECT position FROM audit_scope WHERE unit = ? AND position > ? AND position <= ?",
            (unit, after, upto),
        )
        return {int(row[0]) for row in rows}
