"""Opens the read models' views on the database a URL names: the event store's own
SQLite file or PostgreSQL database (and schema), or process memory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from application.read_replica import ReadReplica
from application.subscriptions.ports import DeliveryLog
from infrastructure.memory import view_families as memory
from infrastructure.memory.due_clocks import DUE_CLOCKS, DueClocksReader
from infrastructure.memory.portal_ledger import MemoryPortalLedger
from infrastructure.memory.positions import positions_only
from infrastructure.memory.possible_duplicates import (
    POSSIBLE_DUPLICATES,
    PossibleDuplicatesReader,
)
from infrastructure.memory.views import MemoryViews, Tables
from infrastructure.memory.webhook_deliveries import MemoryDeliveryLog
from infrastructure.postgres.replica import PostgresReplica
from infrastructure.postgres.views import PostgresViews
from infrastructure.sql_views.audit_log import SqlAuditLogFamily, SqlAuditLogReader
from infrastructure.sql_views.due_clocks import SqlDueClocksFamily, SqlDueClocksReader
from infrastructure.sql_views.inbox import SqlInboxFamily, SqlInboxReader
from infrastructure.sql_views.portal_ledger import SqlPortalLedger
from infrastructure.sql_views.positions import SqlPositions
from infrastructure.sql_views.possible_duplicates import (
    SqlPossibleDuplicatesFamily,
    SqlPossibleDuplicatesReader,
)
from infrastructure.sql_views.projection_store import SqlProjectionStore
from infrastructure.sql_views.public_status import SqlPublicStatusFamily, SqlPublicStatusReader
from infrastructure.sql_views.search import SqlSearchFamily, SqlSearchReader
from infrastructure.sql_views.statistics import SqlStatisticsFamily, SqlStatisticsReader
from infrastructure.sql_views.webhook_deliveries import SqlDeliveryLog
from infrastructure.sqlite.views import SqliteViews
from infrastructure.stores import UnsupportedDatabaseUrl
from projections.outbound.portal.ports import PortalLedger
from projections.ports import ProjectionStore, WakeUps
from projections.read_models import Readers, ViewStores

_POSITION = "SELECT position FROM projection_positions WHERE name = ?"


@dataclass(frozen=True)
class Views:
    stores: ViewStores
    readers: Readers
    wakeups: WakeUps
    close: Callable[[], Awaitable[None]]
    positions: Callable[[str], ProjectionStore[Any]]
    """A position-only store of this name, for an outbound projection (the broker)."""
    deliveries: DeliveryLog
    """The webhook deliveries log."""
    audit_position: Callable[[], Awaitable[int]]
    """How far the audit log's view has committed, read where its reader reads (the
    replica, when the call reads there): the event feed knows scopes up to there."""
    portal_ledger: Callable[[], PortalLedger] = MemoryPortalLedger
    """How far each dossier has got on the national portal (the portal sync's ledger)."""
    replica: ReadReplica | None = None
    """Where the readers read when it has replayed enough (``MOTCUA_REPLICA_URL``)."""


def memory_views(views: MemoryViews | None = None) -> Views:
    views = views or MemoryViews()

    def live(name: str) -> Callable[[], Tables]:
        return lambda: views.live(name)

    return Views(
        ViewStores(
            inbox=views.store(memory.INBOX),
            search=views.store(memory.SEARCH),
            public_status=views.store(memory.PUBLIC_STATUS),
            statistics=views.store(memory.STATISTICS),
            audit_log=views.store(memory.AUDIT_LOG),
            due_clocks=views.store(DUE_CLOCKS),
            possible_duplicates=views.store(POSSIBLE_DUPLICATES),
        ),
        Readers(
            inbox=memory.InboxReader(live("inbox")),
            search=memory.SearchReader(live("search")),
            public_status=memory.PublicStatusReader(live("public_status")),
            statistics=memory.StatisticsReader(live("statistics")),
            audit_log=memory.AuditLogReader(live("audit_log")),
            due_clocks=DueClocksReader(live("due_clocks")),
            possible_duplicates=PossibleDuplicatesReader(live("possible_duplicates")),
        ),
        views.wakeups,
        views.close,
        lambda name: views.store(positions_only(name)),
        MemoryDeliveryLog(),
        lambda: _position(views.store(memory.AUDIT_LOG)),
    )


async def _position(store: ProjectionStore[Any]) -> int:
    tracking = await store.tracking()
    return tracking.position if tracking else 0


def sql_views(
    backend: SqliteViews | PostgresViews, replica: PostgresReplica | None = None
) -> Views:
    """The readers read through ``replica`` when given (it picks the replica or the
    primary per call); the stores always write on ``backend``."""
    fetch = backend.fetch if replica is None else replica.fetch

    async def close() -> None:
        if replica is not None:
            await replica.close()
        await backend.close()

    async def audit_position() -> int:
        rows = await fetch(_POSITION, (SqlAuditLogFamily.name,))
        return int(rows[0][0]) if rows else 0

    return Views(
        ViewStores(
            inbox=SqlProjectionStore(backend, SqlInboxFamily()),
            search=SqlProjectionStore(backend, SqlSearchFamily()),
            public_status=SqlProjectionStore(backend, SqlPublicStatusFamily()),
            statistics=SqlProjectionStore(backend, SqlStatisticsFamily()),
            audit_log=SqlProjectionStore(backend, SqlAuditLogFamily()),
            due_clocks=SqlProjectionStore(backend, SqlDueClocksFamily()),
            possible_duplicates=SqlProjectionStore(backend, SqlPossibleDuplicatesFamily()),
        ),
        Readers(
            inbox=SqlInboxReader(fetch),
            search=SqlSearchReader(fetch, backend.dialect),
            public_status=SqlPublicStatusReader(fetch),
            statistics=SqlStatisticsReader(fetch),
            audit_log=SqlAuditLogReader(fetch),
            due_clocks=SqlDueClocksReader(fetch),
            possible_duplicates=SqlPossibleDuplicatesReader(fetch),
        ),
        backend.wakeups,
        close,
        lambda name: SqlProjectionStore(backend, SqlPositions(name)),
        SqlDeliveryLog(backend),
        audit_position,
        lambda: SqlPortalLedger(backend),
        replica,
    )


async def open_views(
    url: str,
    *,
    busy_timeout: float = 5.0,
    server_settings: Mapping[str, str] | None = None,
    pooled: bool = False,
    direct_url: str | None = None,
    replica_url: str | None = None,
) -> Views:
    """The views beside the event store that ``url`` names (migrated already). PostgreSQL:
    ``url`` may be a transaction pooler (``pooled``; session state then on
    ``direct_url``), and ``replica_url`` a streaming replica the readers read from."""
    if url.startswith("sqlite:///"):
        return sql_views(
            await SqliteViews.open(Path(url.removeprefix("sqlite:///")), busy_timeout=busy_timeout)
        )
    if url.startswith(("postgresql://", "postgres://")):
        # asyncpg passes query parameters it does not know (search_path=…) to the server
        backend = await PostgresViews.open(
            url, server_settings=server_settings, pooled=pooled, direct_dsn=direct_url
        )
        if replica_url is None:
            return sql_views(backend)
        replica = await PostgresReplica.open(replica_url, backend.fetch, pooled=pooled)
        return sql_views(backend, replica)
    if url.startswith("memory://"):
        return memory_views()
    raise UnsupportedDatabaseUrl(url)
