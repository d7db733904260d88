"""Staff lists of dossiers: the search and the inbox, answered by scanning the event log.

A stand-in until the projections provide read models: every query replays every
dossier stream, O(events). Replace :class:`ScanningDossierQueries` by the search and
inbox views; the answers (items, order, cursors) must stay the same.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import date
from uuid import UUID

from application.commands import Result
from application.dossier_views import staff_view
from application.errors import InvalidInput
from application.ports import Clock
from application.repository import Repository, stream_type_of
from domain.calendar import VIETNAM_TZ
from domain.dossiers import access
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import DECIDED, Status
from domain.shared import Actor, Role
from domain.units import UnitTree

SortKey = tuple[str | int, ...]
_NO_DUE_DATE = date.max.isoformat()


def awaits(actor: Actor, dossier: Dossier) -> bool:
    """True when the dossier waits at the actor's unit for an action of the actor's role."""
    if dossier.current_unit != actor.unit:
        return False
    processing = dossier.status == Status.IN_PROCESSING
    if actor.role == Role.CLERK:
        first_leg = processing and dossier.stop == 0
        return dossier.status == Status.SUBMITTED or dossier.status in DECIDED or first_leg
    if actor.role == Role.SPECIALIST:
        return processing
    if actor.role == Role.LEADER:
        return processing and dossier.at_decision_step
    return False


class ScanningDossierQueries:
    def __init__(self, repository: Repository, units: UnitTree, clock: Clock) -> None:
        self.repository = repository
        self.units = units
        self.clock = clock

    async def search(
        self,
        actor: Actor,
        *,
        status: Status | None = None,
        procedure: str | None = None,
        q: str | None = None,
        cursor: str | None = None,
        limit: int = 20,
    ) -> Result:
        """Dossiers in the actor's scope, newest filing first."""
        needle = q.casefold() if q else None

        def wanted(dossier: Dossier) -> bool:
            return (
                access.can_see(actor, dossier, self.units)
                and (status is None or dossier.status == status)
                and (procedure is None or dossier.procedure_code == procedure)
                and (
                    needle is None
                    or needle in dossier.code.casefold()
                    or needle in dossier.applicant.full_name.casefold()
                )
            )

        found = [(-filed, d) for filed, d in await self._dossiers() if wanted(d)]
        return self._page(found, lambda key, _: (key,), cursor, limit)

    async def inbox(
        self,
        actor: Actor,
        *,
        status: Status | None = None,
        overdue: bool | None = None,
        cursor: str | None = None,
        limit: int = 20,
    ) -> Result:
        """Dossiers waiting for the actor's role at the actor's unit, earliest due date first
        (those without one, not yet received, last)."""
        today = self._today()

        def wanted(dossier: Dossier) -> bool:
            return (
                awaits(actor, dossier)
                and (status is None or dossier.status == status)
                and (overdue is None or dossier.is_overdue(today) == overdue)
            )

        found = [(filed, d) for filed, d in await self._dossiers() if wanted(d)]
        return self._page(
            found,
            lambda filed, d: (d.due_date.isoformat() if d.due_date else _NO_DUE_DATE, filed),
            cursor,
            limit,
        )

    async def _dossiers(self) -> list[tuple[int, Dossier]]:
        """Every dossier, rebuilt, with the position of its first event."""
        dossier_type = stream_type_of(Dossier)
        filed: dict[UUID, int] = {}
        dossiers: dict[UUID, Dossier] = {}
        async for recorded in self.repository.store.read_all():
            if recorded.stream_type == dossier_type:
                stream = recorded.stream_id
                filed.setdefault(stream, recorded.position)
                dossiers[stream] = self.repository.decode(recorded).mutate(dossiers.get(stream))
        return [(filed[stream], dossier) for stream, dossier in dossiers.items()]

    def _page(
        self,
        found: Sequence[tuple[int, Dossier]],
        key_of: Callable[[int, Dossier], SortKey],
        cursor: str | None,
        limit: int,
    ) -> Result:
        keyed = sorted(((key_of(n, d), d) for n, d in found), key=lambda pair: pair[0])
        if cursor is not None:
            after = _decode_cursor(cursor)
            try:
                keyed = [(key, d) for key, d in keyed if key > after]
            except TypeError:
                raise InvalidInput("cursor", "not a cursor of this list") from None
        page = keyed[:limit]
        today = self._today()
        more = len(keyed) > limit
        return {
            "items": [staff_view(d, today) for _, d in page],
            "next_cursor": _encode_cursor(page[-1][0]) if more else None,
        }

    def _today(self) -> date:
        return self.clock.now().astimezone(VIETNAM_TZ).date()


def _encode_cursor(key: SortKey) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> SortKey:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        decoded = None
    if not isinstance(decoded, list) or not all(
        isinstance(part, str | int) and not isinstance(part, bool) for part in decoded
    ):
        raise InvalidInput("cursor", "not a cursor of this list")
    return tuple(decoded)
