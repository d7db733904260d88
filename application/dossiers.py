"""Use cases of the dossier workflow: every command of DOMAIN.md, plus the reads.

Each command loads the dossier, checks that the caller may see it (else it does
not exist for them) and may do this (else 'forbidden'), checks ``If-Match``, lets
the aggregate decide, and appends through the :class:`CommandRunner`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import weakref
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.commands import CommandRunner, Decision, RequestPrint, Result
from application.context import Context
from application.dossier_views import history_view, public_view, staff_view
from application.errors import Forbidden, InvalidInput, NotFound, PreconditionFailed
from application.plain import plain
from application.ports import Clock, ConcurrencyError, Secrets, StoreUnavailable
from application.repository import Repository
from domain.calendar import VIETNAM_TZ, WorkingCalendar
from domain.catalog import Catalog, UnknownProcedure
from domain.dossiers import access
from domain.dossiers.dossier import Applicant, Document, Dossier
from domain.dossiers.register import ReceiptRegister
from domain.dossiers.status import Channel, Rating
from domain.shared import Actor, Role
from domain.units import UnitTree

ApprovalResult = Callable[[Dossier, dict[str, Any]], dict[str, Any]]
"""Checks and completes an approval's result for its procedure (a permit's number, say)."""


def _as_given(_: Dossier, result: dict[str, Any]) -> dict[str, Any]:
    return result


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class _Desk:
    """One desk's turn at its receipt register, and how many filings met an outage.

    Filers queued behind a filing that met an outage get the same answer at once,
    rather than each waiting out the store's lock timeout in turn."""

    def __init__(self) -> None:
        self.turn = asyncio.Lock()
        self.outages = 0


class Dossiers:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        secrets: Secrets,
        units: UnitTree,
        catalog: Catalog,
        calendar: WorkingCalendar,
        prints: RequestPrint,
        approval_result: ApprovalResult | None = None,
        desk_wait_seconds: float = 5.0,
    ) -> None:
        self.repository = repository
        self.desk_wait_seconds = desk_wait_seconds
        self.approval_result = approval_result or _as_given
        self.runner = CommandRunner(repository, prints)
        self._desks: weakref.WeakValueDictionary[UUID, _Desk] = weakref.WeakValueDictionary()
        self.clock = clock
        self.secrets = secrets
        self.units = units
        self.catalog = catalog
        self.calendar = calendar

    # -- filing -----------------------------------------------------------------------------

    async def receive_at_desk(
        self,
        context: Context,
        procedure_code: str,
        applicant: Applicant,
        documents: tuple[Document, ...],
        channel: Channel,
    ) -> Result:
        """A clerk files and receives a dossier in one go; the answer carries the secret."""
        if context.actor.role != Role.CLERK:
            raise Forbidden("only a one-stop clerk receives dossiers")
        return await self._file(context, procedure_code, applicant, documents, channel, True)

    async def submit_online(
        self,
        context: Context,
        procedure_code: str,
        applicant: Applicant,
        documents: tuple[Document, ...],
    ) -> Result:
        """A citizen files online at ``context.actor.unit``; a clerk checks it later."""
        if context.actor.unit not in self.units:
            raise InvalidInput("receiving_unit", "no administrative unit has this code")
        return await self._file(
            context, procedure_code, applicant, documents, Channel.ONLINE, False
        )

    async def _file(
        self,
        context: Context,
        procedure_code: str,
        applicant: Applicant,
        documents: tuple[Document, ...],
        channel: Channel,
        receive_now: bool,
    ) -> Result:
        procedure = self._procedure_received_at(procedure_code, context.actor.unit)
        secret = self.secrets.new_lookup_secret()
        now = self.clock.now()
        day = now.astimezone(VIETNAM_TZ).date()
        register_id = ReceiptRegister.id_for(context.actor.unit, day)

        async def decide() -> Decision:
            version = await self.repository.store.stream_version(register_id)
            register = (
                ReceiptRegister.at_version(context.actor.unit, day, version, now)
                if version
                else ReceiptRegister.open(context.actor.unit, day, now)
            )
            code = register.enter(now)
            dossier = Dossier.submit(
                code=code,
                procedure=procedure,
                applicant=applicant,
                documents=documents,
                channel=channel,
                receiving_unit=context.actor.unit,
                secret_hash=hash_secret(secret),
                actor=context.actor,
                at=now,
            )
            if receive_now:
                dossier.receive(context.actor, now, self.calendar)
            return [register, dossier], {**self._view(dossier), "lookup_secret": secret}

        def register_raced(conflict: ConcurrencyError) -> bool:
            return conflict.stream_id == register_id

        # Filings at one desk take turns in this process, so a busy desk does not race
        # itself on the day's register; other processes still meet the store's version
        # check and retry. The turn is waited for no longer than the store itself would
        # wait for its lock, so a stuck store answers every filer "unavailable" at once.
        desk = self._desks.setdefault(register_id, _Desk())
        request = ("file", procedure_code, applicant, documents, channel)
        outages_seen = desk.outages
        try:
            async with asyncio.timeout(self.desk_wait_seconds):
                await desk.turn.acquire()
        except TimeoutError:
            raise StoreUnavailable("the desk's receipt register is busy; try again") from None
        try:
            if desk.outages != outages_seen:
                raise StoreUnavailable("the store did not answer the filing before this one")
            return await self.runner.run(context, request, decide, retry_if=register_raced)
        except StoreUnavailable:
            desk.outages += 1
            raise
        finally:
            desk.turn.release()

    def _procedure_received_at(self, procedure_code: str, unit_code: str) -> Any:
        try:
            procedure = self.catalog.current(procedure_code)
        except UnknownProcedure:
            raise InvalidInput("procedure_code", "no procedure has this code") from None
        unit = self.units.get(unit_code)
        if unit.level != procedure.receiving_level:
            raise InvalidInput(
                "procedure_code",
                f"this procedure is received at {procedure.receiving_level} level, "
                f"not at a {unit.level} unit",
            )
        return procedure

    # -- commands on an existing dossier ----------------------------------------------------

    async def receive(self, context: Context, dossier_id: UUID) -> Result:
        return await self._act(
            context,
            dossier_id,
            "receive",
            {},
            lambda d, now: d.receive(context.actor, now, self.calendar),
        )

    async def refuse_intake(self, context: Context, dossier_id: UUID, reason: str) -> Result:
        return await self._act(
            context,
            dossier_id,
            "refuse_intake",
            {"reason": reason},
            lambda d, now: d.refuse_intake(reason, context.actor, now),
        )

    async def request_supplement(
        self, context: Context, dossier_id: UUID, reason: str, documents: tuple[str, ...]
    ) -> Result:
        return await self._act(
            context,
            dossier_id,
            "request_supplement",
            {"reason": reason, "documents": documents},
            lambda d, now: d.request_supplement(reason, documents, context.actor, now),
        )

    async def supplement(
        self, context: Context, dossier_id: UUID, documents: tuple[Document, ...]
    ) -> Result:
        return await self._act(
            context,
            dossier_id,
            "supplement",
            {"documents": documents},
            lambda d, now: d.supplement(documents, context.actor, now, self.calendar),
        )

    async def transfer(
        self, context: Context, dossier_id: UUID, to_unit: str, note: str | None
    ) -> Result:
        return await self._act(
            context,
            dossier_id,
            "transfer",
            {"to_unit": to_unit, "note": note},
            lambda d, now: d.transfer(to_unit, note, self.units, context.actor, now),
        )

    async def approve(
        self, context: Context, dossier_id: UUID, result: dict[str, Any], note: str | None
    ) -> Result:
        return await self._act(
            context,
            dossier_id,
            "approve",
            {"result": result, "note": note},
            lambda d, now: d.approve(self.approval_result(d, result), note, context.actor, now),
        )

    async def refuse(self, context: Context, dossier_id: UUID, reason: str) -> Result:
        return await self._act(
            context,
            dossier_id,
            "refuse",
            {"reason": reason},
            lambda d, now: d.refuse(reason, context.actor, now),
        )

    async def apologize(
        self, context: Context, dossier_id: UUID, reason: str, new_due_date: date
    ) -> Result:
        return await self._act(
            context,
            dossier_id,
            "apologize",
            {"reason": reason, "new_due_date": new_due_date},
            lambda d, now: d.apologize(reason, new_due_date, context.actor, now),
        )

    async def return_result(self, context: Context, dossier_id: UUID, channel: Channel) -> Result:
        return await self._act(
            context,
            dossier_id,
            "return_result",
            {"channel": channel},
            lambda d, now: d.return_result(channel, context.actor, now),
        )

    async def withdraw(self, context: Context, dossier_id: UUID, reason: str) -> Result:
        return await self._act(
            context,
            dossier_id,
            "withdraw",
            {"reason": reason},
            lambda d, now: d.withdraw(reason, context.actor, now),
        )

    async def rate(
        self, context: Context, dossier_id: UUID, rating: Rating, comment: str | None
    ) -> Result:
        return await self._act(
            context,
            dossier_id,
            "rate",
            {"rating": rating, "comment": comment},
            lambda d, now: d.rate(rating, comment, context.actor, now),
        )

    async def _act(
        self,
        context: Context,
        dossier_id: UUID,
        command: str,
        arguments: dict[str, Any],
        apply: Callable[[Dossier, datetime], None],
    ) -> Result:
        async def decide() -> Decision:
            dossier = await self._visible(context.actor, dossier_id)
            if not access.may(context.actor, command, dossier):
                raise Forbidden(f"a {context.actor.role} of this unit may not {command}")
            if context.if_match is not None and context.if_match != dossier.version:
                raise PreconditionFailed(context.if_match, dossier.version)
            apply(dossier, self.clock.now())
            return [dossier], self._view(dossier)

        return await self.runner.run(context, (command, dossier_id, arguments), decide)

    # -- the citizen, with the secret from the receipt -------------------------------------

    async def citizen(self, code: str, secret: str, request_id: str = "") -> Context:
        """The citizen's context for their own dossier; a wrong secret finds nothing."""
        dossier = await self.repository.get(Dossier, Dossier.id_for(code))
        if dossier is None or not hmac.compare_digest(dossier.secret_hash, hash_secret(secret)):
            raise NotFound()
        actor = Actor(sub=f"citizen:{code}", role=Role.CITIZEN, unit=dossier.receiving_unit)
        return Context(actor=actor, request_id=request_id)

    async def public_status(self, code: str, secret: str) -> Result:
        await self.citizen(code, secret)
        return public_view(await self.repository.events(Dossier.id_for(code)), self.units)

    # -- reads ------------------------------------------------------------------------------

    async def get(self, actor: Actor, dossier_id: UUID) -> Result:
        return self._view(await self._visible(actor, dossier_id))

    async def history(self, actor: Actor, dossier_id: UUID) -> Result:
        await self._visible(actor, dossier_id)
        return history_view(await self.repository.events(dossier_id))

    async def as_of(self, actor: Actor, dossier_id: UUID, instant: datetime) -> Result:
        """The dossier exactly as it was at ``instant``, rebuilt from its events."""
        await self._visible(actor, dossier_id)
        then = await self.repository.get(Dossier, dossier_id, as_of=instant)
        if then is None:
            raise NotFound("dossier at that instant")
        today = instant.astimezone(VIETNAM_TZ).date()
        return {"as_of": plain(instant), "version": then.version, "state": staff_view(then, today)}

    async def _visible(self, actor: Actor, dossier_id: UUID) -> Dossier:
        dossier = await self.repository.get(Dossier, dossier_id)
        if dossier is None or not access.can_see(actor, dossier, self.units):
            raise NotFound()
        return dossier

    def _view(self, dossier: Dossier) -> Result:
        return staff_view(dossier, self.clock.now().astimezone(VIETNAM_TZ).date())
