"""The portal sync's runner: the projection that maps each dossier event to its portal
steps, the :class:`RelayRunner` that hands them to :class:`PortalSync`, and the retry
loop beside it."""

from __future__ import annotations

import asyncio
from typing import Any

from application.ports import StoreUnavailable
from projections.dossier_states import DossierStates
from projections.outbound.portal.steps import PortalStep, is_dossier_event, steps_of
from projections.outbound.portal.sync import NAME, PortalSync
from projections.outbound.relay import Outbox, RelayRunner
from projections.ports import Binding, Envelope, ProjectionStore, WakeUps
from projections.runner import RunnerOptions, State


class PortalProjection:
    """Maps each dossier event to its portal steps."""

    name = NAME
    version = 1
    topics: frozenset[str] | None = None
    """Every event: a dossier event nobody mapped must fail visibly, not pass unseen."""

    def __init__(self, states: DossierStates) -> None:
        self.states = states

    async def handle(self, envelope: Envelope, view: Outbox[PortalStep]) -> None:
        if is_dossier_event(envelope.recorded.type):
            for step in steps_of(await self.states.change(envelope)):
                view.add(step)


class PortalRelay:
    """The runner and its retry loop, run together until cancelled."""

    def __init__(self, runner: RelayRunner[PortalStep], sync: PortalSync) -> None:
        self.runner, self.sync = runner, sync
        self.last_error: str | None = None

    async def run(self) -> None:
        retries = asyncio.ensure_future(self._retrying())
        try:
            await self.runner.run()
        finally:
            retries.cancel()

    async def _retrying(self) -> None:
        while True:
            await asyncio.sleep(self.sync.policy.every_seconds)
            if self.runner.state not in (State.CATCHING_UP, State.LIVE):
                continue  # another process holds the lease: it retries
            try:
                await self.sync.retry_due()
                self.last_error = None
            except StoreUnavailable as outage:
                self.last_error = f"unavailable: {outage}"


def portal_sync(
    sync: PortalSync,
    positions: ProjectionStore[Any],
    wakeups: WakeUps,
    options: RunnerOptions | None = None,
) -> PortalRelay:
    """``positions`` is a position-only store named :data:`NAME` on the views' backend."""
    states = DossierStates(sync.source.history)
    binding: Binding[Outbox[PortalStep]] = Binding(lambda: PortalProjection(states), positions)
    runner = RelayRunner(binding, sync.source, wakeups, sync.deliver, options)
    return PortalRelay(runner, sync)
