"""A projection that keeps no view, only its position in ``projection_positions``: an
outbound relay (``projections/outbound/relay.py``), whose effect is elsewhere. Its store
is the shared :class:`SqlProjectionStore` (lease, position check and commit), with no
tables. Rebuilding it means nothing; its version stays 1."""

from __future__ import annotations

from typing import Any

from infrastructure.sql_views.sql import Dialect, SqlSession


async def _nothing() -> None:
    return None


class SqlPositions:
    def __init__(self, name: str) -> None:
        self.name = name

    def tables(self, dialect: Dialect) -> tuple[str, ...]:
        return ()

    def ddl(self, s: str, dialect: Dialect) -> list[str]:
        return []

    def writer(self, session: SqlSession, s: str, dialect: Dialect) -> tuple[Any, Any]:
        return None, _nothing
