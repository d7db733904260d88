"""``GET /api/v1/events``: the published events as CloudEvents, after any position.

The feed reads the log itself (every page is the same CloudEvents the broker and the
webhooks carry, see :mod:`projections.outbound.cloud_events`) and takes its scope from
the audit log's view: a client bound to a unit sees the events of the streams that
touched that unit's subtree, as an auditor there does. It never reads past the position
the audit log's view has reached, so an event whose scope is not known yet is not
skipped: it comes on a later page. ``next_after`` is the last position looked at, so a
page may hold fewer than ``limit`` items (events out of scope, unpublished or of other
types were passed over) and still move on; an empty page with ``next_after`` equal to
``after`` means nothing newer yet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from application.commands import Result
from application.errors import Forbidden, InvalidInput
from application.ports import RecordedEvent
from domain.shared import Actor, Role
from projections.audit_log import AuditLogReader
from projections.outbound.cloud_events import DEFAULT_SOURCE, cloud_event
from projections.outbound.event_types import BY_TOPIC, EVENT_TYPES
from projections.source import EventSource

READERS = frozenset({Role.INTEGRATION, Role.AUDITOR})
SCAN = 2000
"""Events looked at, at most, per page: a client whose scope is sparse pages on."""
TYPE_NAMES = frozenset(kind.type for kind in EVENT_TYPES)


def chosen_types(text: str | None) -> frozenset[str] | None:
    """``type=a,b``: the published type names asked for; None for all of them."""
    if not text:
        return None
    names = frozenset(name.strip() for name in text.split(",") if name.strip())
    unknown = sorted(names - TYPE_NAMES)
    if unknown:
        raise InvalidInput("type", f"no published event type {unknown[0]!r}")
    return names


class EventFeed:
    def __init__(
        self,
        source: EventSource,
        scope: AuditLogReader,
        scoped_upto: Callable[[], Awaitable[int]],
        *,
        everyone: frozenset[str] = frozenset(),
        cloud_source: str = DEFAULT_SOURCE,
    ) -> None:
        self.source = source
        self.scope = scope
        self.scoped_upto = scoped_upto
        """The audit log view's position: scopes are known up to there."""
        self.everyone = everyone
        """Topics every feed reader sees, whatever their unit (the chain's checkpoints)."""
        self.cloud_source = cloud_source

    async def page(
        self, actor: Actor, *, after: int = 0, limit: int = 100, types: str | None = None
    ) -> Result:
        if actor.role not in READERS:
            raise Forbidden("the event feed is for integration clients and auditors")
        wanted = chosen_types(types)
        upto = min(await self.scoped_upto(), after + SCAN)
        items: list[dict[str, Any]] = []
        cursor = after
        while cursor < upto and len(items) < limit:
            batch = [
                e for e in await self.source.batch(cursor, max(limit, 100)) if e.position <= upto
            ]
            if not batch:
                break
            visible = await self.scope.visible(actor.unit, cursor, batch[-1].position)
            for recorded in batch:
                cursor = recorded.position
                item = self._item(recorded, wanted, visible)
                if item is not None:
                    items.append(item)
                    if len(items) == limit:
                        break
        return {"items": items, "next_after": cursor}

    def _item(
        self, recorded: RecordedEvent, wanted: frozenset[str] | None, visible: set[int]
    ) -> dict[str, Any] | None:
        kind = BY_TOPIC.get(recorded.type)
        if kind is None or (wanted is not None and kind.type not in wanted):
            return None
        if recorded.position not in visible and recorded.type not in self.everyone:
            return None
        return cloud_event(recorded, self.source.decode(recorded), self.cloud_source)
