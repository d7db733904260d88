"""Announcing days off and make-up working days (an event on the calendar's stream), and
moving the due dates of the open dossiers to the calendar in force.

Moving is reconciling: an open dossier whose recorded due date differs from the one its
clock gives on the calendar in force gets a ``DueDateMoved`` event naming the legal basis
of the latest announcement. Running it again changes nothing, so it is idempotent, and the
start of the server runs it once more to finish what a crash interrupted.

Every process counts due dates on its own calendar in force, so each one watches the
calendar's stream (:meth:`Calendar.watch`, once a second: announcements are rare,
commits are not): an announcement recorded by another API process is adopted
within about a second, and moving is run again there, for the dossiers that process
received on the old calendar meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date
from uuid import UUID

from application.clock import commands as c
from application.clock.in_force import CalendarInForce
from application.clock.views import AnnouncementView
from application.commands import CommandRunner, Decision
from application.context import Context
from application.errors import Forbidden, InvalidInput
from application.ports import Clock, ConcurrencyError
from application.repository import Repository
from application.tasks import Follower, a_second, stop_tasks
from domain.clock.announcements import CalendarAnnouncements
from domain.clock.due_date import Clock as DueClock
from domain.dossiers.dossier import Dossier
from domain.shared import Actor, Role

OpenDossiersOver = Callable[[date, date], Awaitable[list[tuple[UUID, date | None, DueClock]]]]
"""Open dossiers whose clock runs over some day between two dates, with their recorded due
date and their clock (a read model's answer, caught up with the log first)."""

CALENDAR_OFFICE = Actor(sub="motcua:calendar", role=Role.ADMIN, unit="")
"""Who moves a due date when a start finishes an interrupted announcement."""


class Calendar:
    def __init__(
        self,
        repository: Repository,
        runner: CommandRunner,
        clock: Clock,
        in_force: CalendarInForce,
        open_over: OpenDossiersOver,
    ) -> None:
        self.repository = repository
        self.runner = runner
        self.clock = clock
        self.in_force = in_force
        self.open_over = open_over
        self._task: asyncio.Task[int] | None = None
        self._adopted: int | None = None
        """The version of the calendar's stream adopted last (0: no announcement yet)."""
        self._announcing = asyncio.Lock()
        """Held by an announcement until its dossiers are moved, so that this process's
        watcher, woken by it, finds it adopted rather than moving them first."""
        self._watcher = Follower("process:calendar-watch", self._adopt_news, a_second)

    def start(self) -> None:
        """Finish, in a task of its own, the moves an interrupted announcement left."""
        if self._task is None:
            self._task = asyncio.create_task(self.follow(), name="process:calendar")

    def watch(self) -> None:
        """Adopt, once a second, the announcements other processes record (see above)."""
        self._watcher.start()

    async def stop(self) -> None:
        await self._watcher.stop()
        if self._task is not None:
            await stop_tasks([self._task])
            self._task = None

    async def load(self) -> CalendarAnnouncements | None:
        """The announcements so far, adopted as the calendar in force."""
        announcements = await self.repository.get(CalendarAnnouncements, CalendarAnnouncements.ID)
        self.in_force.adopt(announcements)
        self._adopted = announcements.version if announcements else 0
        return announcements

    async def _adopt_news(self) -> int:
        """Adopt the calendar if its stream moved since; then move the dossiers that were
        received here on the old one. How many moved."""
        async with self._announcing:
            version = await self.repository.store.stream_version(CalendarAnnouncements.ID)
            if version == self._adopted:
                return 0
            return await self.follow()

    async def announce(self, context: Context, command: c.Announce) -> AnnouncementView:
        if context.actor.role != Role.ADMIN:
            raise Forbidden("only an admin announces changes of the working calendar")
        fields = ("add_days_off", "remove_days_off", "make_up_days")
        for field in fields:
            self.in_force.require_covered(field, getattr(command, field))
        if not any(getattr(command, field) for field in fields):
            raise InvalidInput("add_days_off", "announce at least one day")

        async def decide() -> Decision:
            now = self.clock.now()
            found = await self.repository.get(CalendarAnnouncements, CalendarAnnouncements.ID)
            announcements = found or CalendarAnnouncements.open(now)
            announcements.announce(
                add_days_off=tuple(sorted(set(command.add_days_off))),
                remove_days_off=tuple(sorted(set(command.remove_days_off))),
                make_up_days=tuple(sorted(set(command.make_up_days))),
                legal_basis=command.legal_basis,
                actor=context.actor,
                timestamp=now,
            )
            return [announcements], {"version": announcements.version}

        async with self._announcing:
            answer = await self.runner.run(context, ("announce_calendar", command), decide)
            moved = await self.follow(context.actor)
        return AnnouncementView(version=int(answer["version"]), moved=moved)

    async def follow(self, actor: Actor = CALENDAR_OFFICE) -> int:
        """Move every open dossier to the calendar in force; how many moved."""
        announcements = await self.load()
        if announcements is None:
            return 0
        days = announcements.added | announcements.removed | announcements.make_up
        if not days:
            return 0
        basis = announcements.legal_basis or ""
        moved = 0
        current = self.in_force.current
        for dossier_id, recorded, clock in await self.open_over(min(days), max(days)):
            if clock.due_date(current) != recorded:  # only these need their stream read
                moved += await self._move(dossier_id, basis, actor)
        return moved

    async def _move(self, dossier_id: UUID, legal_basis: str, actor: Actor) -> int:
        while True:
            events = await self.repository.events(dossier_id)
            dossier: Dossier | None = None
            clock: DueClock | None = None
            for event in events:
                dossier = event.mutate(dossier)
                assert dossier is not None
                clock = (clock or DueClock(dossier.time_limit_days)).after(event)
            if dossier is None or clock is None or not dossier.allows("follow_calendar"):
                return 0
            due = clock.due_date(self.in_force.current)
            if due is None or due == dossier.due_date:
                return 0
            dossier.follow_calendar(due, legal_basis, actor, self.clock.now())
            try:
                await self.repository.save([dossier], Context(actor).metadata())
            except ConcurrencyError:
                continue  # changed meanwhile: count again on its new state
            return 1
