"""What the SQL view adapters share across SQLite and PostgreSQL.

Statements are written once, with ``?`` placeholders (the PostgreSQL session numbers
them) and with ``{s}`` where a table or index name takes its generation suffix:
``""`` for the live view, ``"__g<n>"`` for one being rebuilt aside. Values are only
integers and text (dates as ordinals, instants as ISO text, documents as JSON), so
rows read back the same from both databases. What the dialects force apart (text
search, row locks, the catalog) sits in :class:`Dialect`.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

W_co = TypeVar("W_co", covariant=True)

Row = Sequence[Any]


class SqlSession(Protocol):
    """One connection, inside a transaction the caller manages."""

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> None: ...

    async def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]: ...


Fetch = Callable[[str, Sequence[Any]], Awaitable[list[Row]]]
"""A read outside any transaction, for the queries."""


class TextSearch(Protocol):
    """Substring search over the dossier list's folded text."""

    def tables(self) -> tuple[str, ...]:
        """Extra tables it keeps (renamed with the view on a swap)."""
        ...

    def ddl(self, s: str) -> list[str]: ...

    async def add(self, session: SqlSession, s: str, texts: Sequence[tuple[int, str]]) -> None:
        """Index the (filed, text) of new dossiers (a dossier's text never changes)."""
        ...

    def matching(self, s: str) -> str:
        """A subquery of the ``filed`` whose text is LIKE the one parameter it takes."""
        ...


@dataclass(frozen=True)
class Dialect:
    name: str
    for_update: str
    """Appended to the tracking row's SELECT to lock it until the transaction ends."""
    text_search: TextSearch
    list_tables: str
    """A query of the names of the tables in the current schema."""
    creation_lock: str
    """Run first in a transaction creating a view, so that concurrent creators take turns."""


class Flush(Protocol):
    async def __call__(self) -> None: ...


class SqlFamily(Protocol[W_co]):
    """A projection's view on SQL: its tables, and a writer that buffers within a
    transaction and writes everything at once when it commits."""

    @property
    def name(self) -> str: ...

    def tables(self, dialect: Dialect) -> tuple[str, ...]: ...

    def ddl(self, s: str, dialect: Dialect) -> list[str]: ...

    def writer(self, session: SqlSession, s: str, dialect: Dialect) -> tuple[W_co, Flush]: ...


class SqlBackend(Protocol):
    """A database holding views: SQLite or PostgreSQL."""

    @property
    def dialect(self) -> Dialect: ...

    def lease(self, name: str) -> AbstractAsyncContextManager[SqlSession | None]:
        """A connection of the projection's runner, or None while another holds it."""
        ...

    def transaction(
        self, session: SqlSession | None = None
    ) -> AbstractAsyncContextManager[SqlSession]:
        """A transaction on ``session``, or on a connection of the backend's own."""
        ...

    def rebuilding(self, name: str) -> AbstractAsyncContextManager[None]: ...

    async def fetch(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]: ...


def marks(count: int) -> str:
    """``?, ?, ?`` for an IN list."""
    return ", ".join("?" * count)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> dict[str, Any]:
    """A JSON object stored as text."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object: {text[:60]!r}")
    return value
