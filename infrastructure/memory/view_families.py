"""The read models in memory: each view's writer (over a transaction's overlay) and its
reader, which answers by scanning: fine for tests and demos; the SQL views use indexes."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from infrastructure.memory.views import MemoryFamily, Overlay, Tables
from projections.audit_log import AuditEntry, AuditLogView
from projections.inbox import InboxDossier, InboxLine, InboxView
from projections.public_status import PublicRecord, PublicStatusView
from projections.search import Reach, SearchDossier, SearchLine, SearchView
from projections.statistics import CounterKey, MeasureSums, StatisticsView

Live = Callable[[], Tables]
"""The live tables of a view, looked up at each query (a swap replaces them)."""
_PROCESSING = "in_processing"


class InboxWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def put(self, dossier: InboxDossier) -> None:
        if dossier.awaited_by:
            self._overlay.put("dossiers", dossier.filed, dossier)
        else:
            self._overlay.delete("dossiers", dossier.filed)


class InboxReader:
    def __init__(self, live: Live) -> None:
        self._live = live

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
        found = []
        for d in self._live().table("dossiers").values():
            late = d.status == _PROCESSING and d.due < today
            if (
                (unit, role) in d.awaited_by
                and (status is None or d.status == status)
                and (procedure is None or d.procedure == procedure)
                and (overdue is None or late == overdue)
                and (after is None or (d.due, d.filed) > after)
            ):
                found.append(InboxLine(d.due, d.filed, d.document))
        return sorted(found, key=lambda line: (line.due, line.filed))[:limit]

    async def counts(self, unit: str, role: str, *, today: int) -> dict[str, int]:
        counts: dict[str, int] = {"overdue": 0}
        for d in self._live().table("dossiers").values():
            if (unit, role) in d.awaited_by:
                counts[d.status] = counts.get(d.status, 0) + 1
                counts["overdue"] += d.status == _PROCESSING and d.due < today
        return counts


class SearchWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def put(self, dossier: SearchDossier) -> None:
        self._overlay.put("dossiers", dossier.filed, dossier)


class SearchReader:
    def __init__(self, live: Live) -> None:
        self._live = live

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
        found = [
            SearchLine(d.filed, d.document)
            for d in self._live().table("dossiers").values()
            if (reach, unit) in d.reach
            and (status is None or d.status == status)
            and (procedure is None or d.procedure == procedure)
            and (not text or text in d.text)
            and (before is None or d.filed < before)
        ]
        return sorted(found, key=lambda line: -line.filed)[:limit]


class PublicStatusWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def get(self, code: str) -> PublicRecord | None:
        record: PublicRecord | None = self._overlay.get("records", code)
        return record

    async def put(self, record: PublicRecord) -> None:
        self._overlay.put("records", record.code, record)


class PublicStatusReader:
    def __init__(self, live: Live) -> None:
        self._live = live

    async def get(self, code: str) -> PublicRecord | None:
        record: PublicRecord | None = self._live().table("records").get(code)
        return record


class StatisticsWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def add(self, changes: Mapping[CounterKey, int]) -> None:
        for key, amount in changes.items():
            self._overlay.put("counters", key, (self._overlay.get("counters", key) or 0) + amount)


class StatisticsReader:
    def __init__(self, live: Live) -> None:
        self._live = live

    async def sums(
        self,
        units: Collection[str],
        procedure: str | None,
        *,
        first_day: int,
        last_day: int,
        today: int,
    ) -> list[MeasureSums]:
        totals: dict[tuple[str, str], list[int]] = {}
        for key, amount in self._live().table("counters").items():
            assert isinstance(key, CounterKey)
            if key.unit not in units or procedure not in (None, key.procedure):
                continue
            sums = totals.setdefault((key.procedure, key.measure.value), [0, 0, 0, 0])
            sums[0] += amount if key.day < first_day else 0
            sums[1] += amount if first_day <= key.day <= last_day else 0
            sums[2] += amount if key.day < today else 0
            sums[3] += amount
        return [MeasureSums(p, m, *sums) for (p, m), sums in totals.items()]


class AuditLogWriter:
    def __init__(self, overlay: Overlay) -> None:
        self._overlay = overlay

    async def stream_scope(self, stream_id: str) -> frozenset[str]:
        scope: frozenset[str] = self._overlay.get("streams", stream_id) or frozenset()
        return scope

    async def record(self, entry: AuditEntry) -> None:
        self._overlay.put("events", entry.position, (entry.stream_id, entry.item))
        self._overlay.put("streams", entry.stream_id, entry.scope)


class AuditLogReader:
    def __init__(self, live: Live) -> None:
        self._live = live

    async def page(self, unit: str, after: int, limit: int) -> list[dict[str, Any]]:
        """A stream's scope only grows, so its scope now covers all of its events."""
        tables = self._live()
        events, streams = tables.table("events"), tables.table("streams")
        visible = [
            item
            for position, (stream_id, item) in sorted(events.items())
            if position > after and unit in streams[stream_id]
        ]
        return visible[:limit]

    async def visible(self, unit: str, after: int, upto: int) -> set[int]:
        tables = self._live()
        events, streams = tables.table("events"), tables.table("streams")
        return {
            position
            for position, (stream_id, _) in events.items()
            if after < position <= upto and unit in streams[stream_id]
        }


INBOX: MemoryFamily[InboxView] = MemoryFamily("inbox", InboxWriter)
SEARCH: MemoryFamily[SearchView] = MemoryFamily("search", SearchWriter)
PUBLIC_STATUS: MemoryFamily[PublicStatusView] = MemoryFamily("public_status", PublicStatusWriter)
STATISTICS: MemoryFamily[StatisticsView] = MemoryFamily("statistics", StatisticsWriter)
AUDIT_LOG: MemoryFamily[AuditLogView] = MemoryFamily("audit_log", AuditLogWriter)
