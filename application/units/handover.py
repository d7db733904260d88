"""The hand-over at a switch: a process manager that moves every open dossier held by or
received at a unit that ceased to the unit carrying on its work (``domain.dossiers.handover``
decides where), by an event naming the legal basis.

It walks the dossiers' first events in log order from its position, in batches; each batch's
``HandedOver`` events and the switch's new position are one atomic append, so nothing is
handed over twice and a crash resumes after the last batch. A dossier changed meanwhile by
an officer makes its batch conflict: the batch is decided again on the new state. Batches
are small so that filings, which queue for the same append lock, wait one batch at most.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from application.ports import Clock, ConcurrencyError
from application.repository import Repository
from application.tasks import Follower, a_second
from application.units.histories import UnitHistories
from domain.calendar import VIETNAM_TZ
from domain.catalog import Catalog
from domain.dossiers.dossier import Dossier
from domain.dossiers.handover import handover_at
from domain.dossiers.switch import Switch
from domain.shared import Actor, Role
from domain.units import UnitHistory

SUBMITTED = get_topic(Dossier.Submitted)
ONE_DAY = timedelta(days=1)
SYSTEM_SUB = "motcua:handover"


@dataclass(frozen=True)
class SwitchReport:
    effective: date
    position: int
    handed_over: int


class HandOver:
    def __init__(
        self,
        repository: Repository,
        catalog: Catalog,
        clock: Clock,
        jurisdiction: str,
        batch_size: int = 200,
        attempts: int = 5,
        news: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.repository = repository
        self.catalog = catalog
        self.clock = clock
        self.jurisdiction = jurisdiction
        self.batch_size = batch_size
        self.attempts = attempts
        self._follower = Follower("process:handover", self.catch_up, news or a_second)
        self.histories = UnitHistories(repository, jurisdiction)
        self._days: tuple[int, list[date]] = (-1, [])
        """The switch days of the registry's version read last."""
        self._completed: dict[date, SwitchReport] = {}
        """Switches seen completed: final, so not read again at every news."""

    async def catch_up(self) -> list[SwitchReport]:
        """Run every switch due by today that the jurisdiction's unit registry records:
        one per effective day on which some unit ceased (a plan for a later day waits)."""
        registry = await self.histories.registry()
        if registry is None:
            return []
        today = self.clock.now().astimezone(VIETNAM_TZ).date()
        if self._days[0] != registry.version:
            days = {p.valid_until + ONE_DAY for p in registry.history if p.valid_until}
            self._days = (registry.version, sorted(days))
        return [await self.run(registry.history, day) for day in self._days[1] if day <= today]

    async def run(self, history: UnitHistory, effective: date) -> SwitchReport:
        """Hand over what the switch of ``effective`` moves, from where the last run
        stopped to the head of the log."""
        if effective in self._completed:
            return self._completed[effective]
        switch = await self._switch(effective)
        if switch.completed:
            return self._completed.setdefault(
                effective, SwitchReport(effective, switch.position, switch.handed_over)
            )
        pending: list[UUID] = []
        last = switch.position
        async for recorded in self.repository.store.read_all(switch.position):
            last = recorded.position
            if recorded.type == SUBMITTED:
                pending.append(recorded.stream_id)
            if len(pending) >= self.batch_size:
                switch = await self._hand_over(switch, history, pending, last)
                pending = []
        due = self.clock.now().astimezone(VIETNAM_TZ).date() >= effective
        if last > switch.position or due:
            switch = await self._hand_over(switch, history, pending, last, complete=due)
        return SwitchReport(effective, switch.position, switch.handed_over)

    async def _switch(self, effective: date) -> Switch:
        found = await self.repository.get(Switch, Switch.id_for(self.jurisdiction, effective))
        return found or Switch.begin(self.jurisdiction, effective, self.clock.now())

    async def _hand_over(
        self,
        switch: Switch,
        history: UnitHistory,
        ids: Sequence[UUID],
        position: int,
        complete: bool = False,
    ) -> Switch:
        for attempt in range(self.attempts):
            dossiers = await asyncio.gather(*(self.repository.get(Dossier, i) for i in ids))
            now = self.clock.now()
            moved: list[Aggregate] = []
            for dossier in filter(None, dossiers):
                handover = handover_at(dossier, history, self.catalog, switch.effective)
                if handover is not None:
                    actor = Actor(SYSTEM_SUB, Role.ADMIN, handover.to_desk)
                    dossier.hand_over(handover, actor, now)
                    moved.append(dossier)
            switch.advance(position, len(moved), now)
            if complete:
                switch.complete(now)
            if not moved and not switch.pending_events:
                return switch  # another runner got this far first
            try:
                await self.repository.save([*moved, switch], self._metadata(switch))
                return switch
            except ConcurrencyError:
                # An officer acted on one of the dossiers, or another runner (a second
                # server) moved the switch on: decide again on what is there now.
                if attempt + 1 == self.attempts:
                    raise
                switch = await self._switch(switch.effective)
        raise AssertionError("unreachable")

    def start(self) -> None:
        """Follow the log in a task of its own: when a switch comes due, it runs."""
        self._follower.start()

    async def stop(self) -> None:
        await self._follower.stop()

    def _metadata(self, switch: Switch) -> dict[str, object]:
        """Who acts: the system, for the jurisdiction, on the reorganisation's authority."""
        actor = {"sub": SYSTEM_SUB, "role": str(Role.ADMIN), "unit": self.jurisdiction}
        return {"actor": actor, "correlation_id": f"switch:{switch.effective.isoformat()}"}
