"""The citizen's status on SQL: one row per dossier code (a primary-key lookup)."""

from __future__ import annotations

from infrastructure.sql_views.sql import (
    Dialect,
    Fetch,
    Flush,
    Row,
    SqlSession,
    from_json,
    to_json,
)
from projections.public_status import PublicRecord

_SELECT = "SELECT code, secret_hash, document FROM public_dossiers{s} WHERE code = ?"


class SqlPublicStatusFamily:
    name = "public_status"

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ("public_dossiers",)

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return [
            f"""CREATE TABLE public_dossiers{s} (
                code TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, document TEXT NOT NULL)"""
        ]

    def writer(
        self, session: SqlSession, s: str, dialect: Dialect
    ) -> tuple[SqlPublicStatusWriter, Flush]:
        writer = SqlPublicStatusWriter(session, s)
        return writer, writer.flush


class SqlPublicStatusWriter:
    def __init__(self, session: SqlSession, s: str) -> None:
        self._session = session
        self._s = s
        self._pending: dict[str, PublicRecord] = {}

    async def get(self, code: str) -> PublicRecord | None:
        if code in self._pending:
            return self._pending[code]
        rows = await self._session.fetch(_SELECT.format(s=self._s), (code,))
        return _record(rows[0]) if rows else None

    async def put(self, record: PublicRecord) -> None:
        self._pending[record.code] = record

    async def flush(self) -> None:
        if not self._pending:
            return
        await self._session.executemany(
            f"INSERT INTO public_dossiers{self._s} (code, secret_hash, document) "
            "VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE "
            "SET secret_hash = excluded.secret_hash, document = excluded.document",
            [(r.code, r.secret_hash, to_json(r.document)) for r in self._pending.values()],
        )
        self._pending.clear()


class SqlPublicStatusReader:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def get(self, code: str) -> PublicRecord | None:
        rows = await self._fetch(_SELECT.format(s=""), (code,))
        return _record(rows[0]) if rows else None


def _record(row: Row) -> PublicRecord:
    code, secret_hash, document = row
    return PublicRecord(str(code), str(secret_hash), from_json(str(document)))
