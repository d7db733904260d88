"""Use cases of a permit: read it (staff, the public), its history, and the changes its
issuing unit's leaders make. A permit whose dossier was approved but which the issuer
has not reached yet is issued on the spot when first asked for."""

from __future__ import annotations

from datetime import date, datetime

from application.commands import CommandRunner, RequestPrint
from application.context import Context
from application.errors import Forbidden, NotFound
from application.history import AsOf, History, history_view, state_as_of
from application.permits import commands as c
from application.permits.issuance import PermitIssuer
from application.permits.views import PermitView, PublicPermit, staff_view
from application.pipeline import Apply, Pipeline, Steps
from application.ports import Clock
from application.repository import Repository
from application.unit_names import unit_name
from domain.calendar import VIETNAM_TZ
from domain.permits import access
from domain.permits.permit import Permit
from domain.shared import Actor
from domain.units import UnitTree


def _authorise(actor: Actor, _: str, permit: Permit) -> None:
    if not access.may_change(actor, permit):
        raise Forbidden("only a leader of the issuing unit changes a permit")


class Permits:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        units: UnitTree,
        issuer: PermitIssuer,
        prints: RequestPrint,
    ) -> None:
        self.repository = repository
        self.pipeline = Pipeline(CommandRunner(repository, prints), clock)
        self.steps = Steps(self._visible, _authorise, self._staff_view)
        self.clock = clock
        self.units = units
        self.issuer = issuer

    # -- reads ------------------------------------------------------------------------------

    async def get(self, actor: Actor, number: str) -> PermitView:
        return staff_view(await self._visible(actor, number), self._today())

    async def history(self, actor: Actor, number: str) -> History:
        permit = await self._visible(actor, number)
        return history_view(await self.repository.events(permit.id))

    async def as_of(self, actor: Actor, number: str, instant: datetime) -> AsOf[PermitView]:
        permit = await self._visible(actor, number)
        return await state_as_of(self.repository, Permit, permit.id, instant, staff_view, "permit")

    async def check(self, number: str) -> PublicPermit:
        """The public check, on the spot: is this permit valid today?"""
        permit = await self._load(number)
        return PublicPermit(
            number=permit.number,
            kind=permit.kind,
            status=permit.status(self._today()),
            valid_from=permit.valid_from,
            valid_until=permit.valid_until,
            issuing_unit_name=unit_name(self.units, permit.issuing_unit),
        )

    # -- changes by the issuing unit's leaders ----------------------------------------------

    async def amend(self, context: Context, number: str, command: c.Amend) -> PermitView:
        actor = context.actor
        return await self._act(
            context, number, "amend", command, lambda p, now: p.amend(command.scope, actor, now)
        )

    async def extend(self, context: Context, number: str, command: c.Extend) -> PermitView:
        actor = context.actor
        return await self._act(
            context,
            number,
            "extend",
            command,
            lambda p, now: p.extend(command.valid_until, actor, now),
        )

    async def suspend(self, context: Context, number: str, command: c.Suspend) -> PermitView:
        actor = context.actor
        return await self._act(
            context,
            number,
            "suspend",
            command,
            lambda p, now: p.suspend(command.reason, actor, now),
        )

    async def reinstate(self, context: Context, number: str, command: c.Reinstate) -> PermitView:
        actor = context.actor
        return await self._act(
            context,
            number,
            "reinstate",
            command,
            lambda p, now: p.reinstate(command.reason, actor, now),
        )

    async def revoke(self, context: Context, number: str, command: c.Revoke) -> PermitView:
        actor = context.actor
        return await self._act(
            context, number, "revoke", command, lambda p, now: p.revoke(command.reason, actor, now)
        )

    async def _act(
        self, context: Context, number: str, name: str, command: object, apply: Apply[Permit]
    ) -> PermitView:
        answer: PermitView = await self.pipeline.act(
            self.steps, context, number, name, command, apply
        )
        return answer

    async def _visible(self, actor: Actor, number: str) -> Permit:
        permit = await self._load(number)
        if not access.can_see(actor, permit, self.units):
            raise NotFound("permit")
        return permit

    async def _load(self, number: str) -> Permit:
        permit = await self.repository.get(Permit, Permit.id_for(number))
        if permit is None:
            await self.issuer.issue_number(number)
            permit = await self.repository.get(Permit, Permit.id_for(number))
        if permit is None:
            raise NotFound("permit")
        return permit

    def _staff_view(self, permit: Permit) -> PermitView:
        return staff_view(permit, self._today())

    def _today(self) -> date:
        return self.clock.now().astimezone(VIETNAM_TZ).date()
