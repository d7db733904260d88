"""All projections of the application: start and stop their runners, report their status,
wait for a position ("read your writes"), rebuild them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from application.tasks import stop_tasks
from projections.committed import CommittedPositions
from projections.ports import Binding, WakeUps
from projections.rebuild import ProgressCallback, rebuild
from projections.runner import (
    ProjectionFailed,
    ProjectionRunner,
    ProjectionStatus,
    RunnerOptions,
    State,
)
from projections.source import EventSource


class UnknownProjection(LookupError):
    def __init__(self, name: str, known: Sequence[str]) -> None:
        super().__init__(f"no projection {name!r}; there are {', '.join(known)}")


class Projections:
    def __init__(
        self,
        bindings: Sequence[Binding[Any]],
        source: EventSource,
        wakeups: WakeUps,
        options: RunnerOptions | None = None,
        relays: Sequence[ProjectionRunner[Any]] = (),
    ) -> None:
        self.bindings = {binding.name: binding for binding in bindings}
        self.relays = list(relays)
        """Outbound projections (``projections/outbound``): run, stopped and reported
        with the others, but neither awaited by readers (a broker away must not hold a
        query) nor rebuilt (their effect is elsewhere)."""
        self.source = source
        self.wakeups = wakeups
        self.options = options or RunnerOptions()
        self.runners: dict[str, ProjectionRunner[Any]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self.elsewhere = False
        """Set on an API-only process: other processes run the projections, and readers
        wait on the positions they commit (see :meth:`caught_up`)."""
        self._committed = CommittedPositions()

    @property
    def names(self) -> list[str]:
        return list(self.bindings)

    async def prepare(self) -> None:
        """Create the views that do not exist yet (empty), so that queries find them even
        before a runner has caught up."""
        for binding in self.bindings.values():
            await binding.views.create(binding.new_projection().version)

    async def start(self) -> None:
        """One task per projection; they run until :meth:`stop`."""
        if self._tasks:
            return
        await self.prepare()
        for name, binding in self.bindings.items():
            runner = ProjectionRunner(binding, self.source, self.wakeups, self.options)
            self.runners[name] = runner
            self._tasks.append(asyncio.create_task(runner.run(), name=f"projection:{name}"))
        for relay in self.relays:
            self._tasks.append(asyncio.create_task(relay.run(), name=f"relay:{relay.name}"))

    async def stop(self) -> None:
        await stop_tasks(self._tasks)
        self._tasks.clear()

    async def wait_for(self, position: int | None = None, within: float = 30.0) -> None:
        """Wait until every running projection includes ``position`` (default: the last
        event committed now)."""
        if position is None:
            position = await self.source.head()
        if any(runner.position < position for runner in self.runners.values()):
            self.wakeups.nudge()
        await asyncio.gather(
            *(runner.wait_for(position, within) for runner in self.runners.values())
        )

    async def caught_up(self, name: str, within: float, after: int | None = None) -> bool:
        """Read your writes: wait, at most ``within`` seconds, until the projection ``name``
        includes position ``after`` (a write the caller saw committed, perhaps by another
        process), by default every event committed before this call. True when it does,
        or when nobody is to be waited for (the projections do not run here nor
        :attr:`elsewhere`); False when it is still behind, or failed: the caller then
        answers from the view as it is. Run here, the runner's position tells; run
        elsewhere, the position it committed in the database does."""
        binding = self.bindings.get(name)
        runner = self.runners.get(name) if self._tasks else None
        if binding is None or within <= 0 or (runner is None and not self.elsewhere):
            return True
        target = after if after is not None else await self.source.head()
        if runner is None:
            return await self._committed.reached(name, binding.views, target, within)
        if runner.position >= target:
            return True
        self.wakeups.nudge()
        try:
            await runner.wait_for(target, within)
        except (TimeoutError, ProjectionFailed):
            return False
        return True

    async def status(self) -> list[ProjectionStatus]:
        """Position, lag, state and last error of each projection. One this process does
        not run shows its committed position, ``stopped`` (or ``failed``, with the error
        its runner recorded)."""
        head = await self.source.head()
        statuses = []
        relays = {relay.name: relay for relay in self.relays}
        for name, binding in [*self.bindings.items(), *((r.name, r.binding) for r in self.relays)]:
            running = self.runners.get(name, relays.get(name))
            if running is not None and running.state != State.STOPPED:
                statuses.append(running.status(head))
                continue
            tracking = await binding.views.tracking()
            version = tracking.version if tracking else binding.new_projection().version
            position = tracking.position if tracking else 0
            error = tracking.error if tracking else None
            state = State.FAILED if error else State.STOPPED
            statuses.append(
                ProjectionStatus(name, version, state, position, max(head - position, 0), error)
            )
        return statuses

    async def rebuild(
        self,
        names: Sequence[str] | None = None,
        *,
        progress: ProgressCallback | None = None,
        batch_size: int = 2000,
    ) -> dict[str, int]:
        """Rebuild the named projections (all by default) in one pass over the log; return
        the position each was swapped in at."""
        for name in names or ():
            if name not in self.bindings:
                raise UnknownProjection(name, self.names)
        chosen = [self.bindings[name] for name in names or self.names]
        return await rebuild(chosen, self.source, batch_size=batch_size, progress=progress)
