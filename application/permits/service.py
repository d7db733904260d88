"""Use cases of a permit: read it (staff, the public), its history, and the changes its
issuing unit's leaders make. A permit whose dossier was approved but which the issuer
has not reached yet is issued on the spot when first asked for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from application.commands import CommandRunner, Decision, RequestPrint, Result
from application.context import Context
from application.dossier_views import history_view, unit_name
from application.errors import Forbidden, NotFound
from application.guards import require_version
from application.permits.issuance import PermitIssuer
from application.plain import plain
from application.ports import Clock
from application.repository import Repository
from domain.calendar import VIETNAM_TZ
from domain.permits import access
from domain.permits.permit import Permit
from domain.shared import Actor
from domain.units import UnitTree


def staff_view(permit: Permit, today: date) -> Result:
    return {
        "number": permit.number,
        "kind": permit.kind,
        "dossier_id": str(permit.dossier_id),
        "holder": permit.holder,
        "scope": permit.scope,
        "issuing_unit": permit.issuing_unit,
        "valid_from": plain(permit.valid_from),
        "valid_until": plain(permit.valid_until),
        "status": permit.status(today).value,
        "version": permit.version,
    }


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
        self.runner = CommandRunner(repository, prints)
        self.clock = clock
        self.units = units
        self.issuer = issuer

    # -- reads ------------------------------------------------------------------------------

    async def get(self, actor: Actor, number: str) -> Result:
        return staff_view(await self._visible(actor, number), self._today())

    async def history(self, actor: Actor, number: str) -> Result:
        permit = await self._visible(actor, number)
        return history_view(await self.repository.events(permit.id))

    async def check(self, number: str) -> Result:
        """The public check, on the spot: is this permit valid today?"""
        permit = await self._load(number)
        return {
            "number": permit.number,
            "kind": permit.kind,
            "status": permit.status(self._today()).value,
            "valid_from": plain(permit.valid_from),
            "valid_until": plain(permit.valid_until),
            "issuing_unit_name": unit_name(self.units, permit.issuing_unit),
        }

    # -- changes by the issuing unit's leaders ----------------------------------------------

    async def amend(self, context: Context, number: str, scope: str) -> Result:
        return await self._act(
            context, number, ("amend", scope), lambda p, now: p.amend(scope, context.actor, now)
        )

    async def extend(self, context: Context, number: str, valid_until: date) -> Result:
        return await self._act(
            context,
            number,
            ("extend", valid_until),
            lambda p, now: p.extend(valid_until, context.actor, now),
        )

    async def suspend(self, context: Context, number: str, reason: str) -> Result:
        return await self._act(
            context,
            number,
            ("suspend", reason),
            lambda p, now: p.suspend(reason, context.actor, now),
        )

    async def reinstate(self, context: Context, number: str, reason: str) -> Result:
        return await self._act(
            context,
            number,
            ("reinstate", reason),
            lambda p, now: p.reinstate(reason, context.actor, now),
        )

    async def revoke(self, context: Context, number: str, reason: str) -> Result:
        return await self._act(
            context, number, ("revoke", reason), lambda p, now: p.revoke(reason, context.actor, now)
        )

    async def _act(
        self,
        context: Context,
        number: str,
        request: tuple[Any, ...],
        apply: Callable[[Permit, datetime], None],
    ) -> Result:
        async def decide() -> Decision:
            permit = await self._visible(context.actor, number)
            if not access.may_change(context.actor, permit):
                raise Forbidden("only a leader of the issuing unit changes a permit")
            require_version(context, permit.version)
            apply(permit, self.clock.now())
            return [permit], staff_view(permit, self._today())

        return await self.runner.run(context, (*request, number), decide)

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

    def _today(self) -> date:
        return self.clock.now().astimezone(VIETNAM_TZ).date()
