"""Use cases of the dossier workflow: every command of DOMAIN.md, plus the reads.

Filing opens a stream (and takes a number from the desk's receipt register); every
other command runs the one command pipeline (:mod:`application.pipeline`) with the
dossier's own steps: load what the caller may see, authorise, apply, view.
"""

from __future__ import annotations

import asyncio
import hmac
import weakref
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from application.commands import CommandRunner, Decision, RequestPrint
from application.context import Context
from application.dossiers import commands as c
from application.dossiers.competence import competent_unit
from application.dossiers.desk import Desk, hash_secret
from application.dossiers.ports import OpenDossiers
from application.dossiers.views import (
    DeskView,
    DossierView,
    PublicStatus,
    Receipt,
    public_view,
    staff_view,
)
from application.errors import Forbidden, InvalidInput, NotFound
from application.forms.signing import FormSigner, IssuingCommand
from application.history import AsOf, History, history_view, state_as_of
from application.pipeline import Apply, Pipeline, Steps
from application.ports import Clock, ConcurrencyError, Secrets, StoreUnavailable
from application.repository import Repository
from domain.calendar import VIETNAM_TZ, WorkingCalendar
from domain.catalog import Catalog, Procedure, UnknownProcedure
from domain.dossiers import access
from domain.dossiers.dossier import Dossier
from domain.dossiers.errors import InvalidTransition
from domain.dossiers.register import ReceiptRegister
from domain.dossiers.status import Channel
from domain.shared import Actor, Role
from domain.units import UnitTree

ApprovalResult = Callable[[Dossier, dict[str, Any]], dict[str, Any]]
"""Checks and completes an approval's result for its procedure (a permit's number, say)."""


def _as_given(_: Dossier, result: dict[str, Any]) -> dict[str, Any]:
    return result


def _authorise(actor: Actor, command: str, dossier: Dossier) -> None:
    """A command the state admits for no one is refused as such (409 naming the state),
    before asking whether this caller's role and unit may run it (403)."""
    if not dossier.allows(command):
        raise InvalidTransition(command, dossier.status)
    if not access.may(actor, command, dossier):
        raise Forbidden(f"a {actor.role} of this unit may not {command.replace('_', ' ')}")


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
        signer: FormSigner | None = None,
        open_dossiers: OpenDossiers | None = None,
        duplicates_wait_seconds: float = 0.5,
    ) -> None:
        self.repository = repository
        self.desk_wait_seconds = desk_wait_seconds
        self.duplicates_wait_seconds = duplicates_wait_seconds
        """How long a filing waits for the possible duplicates' answer (the view catching up,
        then its query) before it gives up with a 503: a read model's wait, not the store's,
        so that a frozen database costs a filing this plus the store's own bound."""
        self.approval_result = approval_result or _as_given
        self.runner = CommandRunner(repository, prints)
        self.pipeline = Pipeline(self.runner, clock)
        self.steps = Steps(self._visible, _authorise, self._view)
        self._desks: weakref.WeakValueDictionary[UUID, Desk] = weakref.WeakValueDictionary()
        self.clock = clock
        self.secrets = secrets
        self.units = units
        self.catalog = catalog
        self.calendar = calendar
        self.signer = signer
        """Puts the digest of the form a command issues in its event (none without one)."""
        self.open_dossiers = open_dossiers
        """Where a filing looks for possible duplicates (none looked for without it)."""

    async def _issue(self, dossier: Dossier, command: IssuingCommand) -> None:
        if self.signer is None:
            command(dossier, "")
        else:
            await self.signer.issue(dossier, command)

    # -- filing -----------------------------------------------------------------------------

    async def receive_at_desk(self, context: Context, command: c.FileDossier) -> Receipt:
        """A clerk files and receives a dossier in one go; the answer carries the secret."""
        if context.actor.role != Role.CLERK:
            raise Forbidden("only a one-stop clerk receives dossiers")
        return await self._file(context, command, command.channel, True)

    async def submit_online(self, context: Context, command: c.SubmitOnline) -> Receipt:
        """A citizen files online at ``context.actor.unit``; a clerk checks it later."""
        if context.actor.unit not in self.units:
            raise InvalidInput("receiving_unit", "no administrative unit has this code")
        return await self._file(context, command, Channel.ONLINE, False)

    async def _file(
        self,
        context: Context,
        command: c.FileDossier | c.SubmitOnline,
        channel: Channel,
        receive_now: bool,
    ) -> Receipt:
        now = self.clock.now()
        day = now.astimezone(VIETNAM_TZ).date()
        here = context.actor.unit
        competent = competent_unit(self.units, here, command.competent_unit)
        field = "procedure_code" if competent == here else "competent_unit"
        procedure = self._procedure_received_at(command.procedure_code, competent, day, field)
        secret = self.secrets.new_lookup_secret()
        register_id = ReceiptRegister.id_for(context.actor.unit, day)
        desk = self._desks.setdefault(register_id, Desk())

        async def register_version() -> int:
            return await self.repository.store.stream_version(register_id)

        # Asked now, beside the idempotency key's lookup: a frozen database then costs a
        # filing one bound, not two in a row.
        asked = asyncio.ensure_future(
            self._possible_duplicates(command.applicant.citizen_id, procedure.code)
        )
        duplicates: tuple[str, ...] = ()

        async def decide() -> Decision:
            nonlocal duplicates
            duplicates = await asked
            return await at_desk.decide(
                register_version, ReceiptRegister.version_after_entry, decide_at
            )

        async def decide_at(version: int) -> Decision:
            register = (
                ReceiptRegister.at_version(context.actor.unit, day, version, now)
                if version
                else ReceiptRegister.open(context.actor.unit, day, now)
            )
            code = register.enter(now)
            dossier = Dossier.submit(
                code=code,
                procedure=procedure,
                applicant=command.applicant,
                documents=command.documents,
                channel=channel,
                receiving_unit=context.actor.unit,
                secret_hash=hash_secret(secret),
                actor=context.actor,
                at=now,
                possible_duplicates=duplicates,
            )
            if receive_now:
                await self._issue(
                    dossier, lambda d, form: d.receive(context.actor, now, self.calendar, form)
                )
            if competent != here:
                dossier.forward(competent, context.actor, now)
            view = self._view(dossier)
            return [register, dossier], Receipt(**vars(view), lookup_secret=secret)

        def register_raced(conflict: ConcurrencyError) -> bool:
            return conflict.stream_id == register_id

        # Filings at one desk take tickets in this process (application.dossiers.desk),
        # so a busy desk neither races itself on the day's register nor waits for each
        # filing's receipt and commit in turn; other processes still meet the store's
        # version check and retry.
        try:
            async with desk.filing(self.desk_wait_seconds) as at_desk:
                receipt: Receipt = await self.runner.run(
                    context, ("file", command), decide, retry_if=register_raced
                )
                return receipt
        finally:
            _forget(asked)

    async def _possible_duplicates(self, citizen_id: str, procedure_code: str) -> tuple[str, ...]:
        """The open dossiers a filing may repeat; a read model that does not answer in
        time (a frozen database) is an outage (503)."""
        if self.open_dossiers is None:
            return ()
        lookup = asyncio.ensure_future(self.open_dossiers.open_codes(citizen_id, procedure_code))
        try:
            await asyncio.wait({lookup}, timeout=self.duplicates_wait_seconds)
        finally:
            answered = lookup.done()
            if not answered:
                # Not awaited: a cancelled query's clean-up waits for the database that
                # did not answer (asyncpg returns its connection only once it can).
                lookup.cancel()
                lookup.add_done_callback(_forget)
        if not answered:
            raise StoreUnavailable("possible duplicates: no answer in time")
        return lookup.result()

    def _procedure_received_at(
        self, procedure_code: str, unit_code: str, day: date, field: str
    ) -> Procedure:
        """The version in force on the day of filing (the dossier keeps it to the end),
        if ``unit_code`` is of the level its route starts at; else 422 naming ``field``."""
        try:
            procedure = self.catalog.in_force(procedure_code, day)
        except UnknownProcedure:
            raise InvalidInput("procedure_code", "no procedure has this code") from None
        unit = self.units.get(unit_code)
        if unit.level != procedure.receiving_level:
            raise InvalidInput(
                field,
                f"this procedure is received at {procedure.receiving_level} level, "
                f"not at a {unit.level} unit",
            )
        return procedure

    # -- commands on an existing dossier ----------------------------------------------------

    async def receive(self, context: Context, dossier_id: UUID, command: c.Receive) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "receive",
            command,
            lambda d, now: self._issue(
                d, lambda d, form: d.receive(actor, now, self.calendar, form)
            ),
        )

    async def refuse_intake(
        self, context: Context, dossier_id: UUID, command: c.RefuseIntake
    ) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "refuse_intake",
            command,
            lambda d, now: self._issue(
                d, lambda d, form: d.refuse_intake(command.reason, actor, now, form)
            ),
        )

    async def request_supplement(
        self, context: Context, dossier_id: UUID, command: c.RequestSupplement
    ) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "request_supplement",
            command,
            lambda d, now: self._issue(
                d,
                lambda d, form: d.request_supplement(
                    command.reason, command.documents, actor, now, form
                ),
            ),
        )

    async def supplement(
        self, context: Context, dossier_id: UUID, command: c.Supplement
    ) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "supplement",
            command,
            lambda d, now: d.supplement(command.documents, actor, now, self.calendar),
        )

    async def transfer(
        self, context: Context, dossier_id: UUID, command: c.Transfer
    ) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "transfer",
            command,
            lambda d, now: d.transfer(command.to_unit, command.note, self.units, actor, now),
        )

    async def approve(self, context: Context, dossier_id: UUID, command: c.Approve) -> DossierView:
        def apply(dossier: Dossier, now: datetime) -> None:
            result = self.approval_result(dossier, command.result)
            dossier.approve(result, command.note, context.actor, now)

        return await self._act(context, dossier_id, "approve", command, apply)

    async def refuse(self, context: Context, dossier_id: UUID, command: c.Refuse) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "refuse",
            command,
            lambda d, now: d.refuse(command.reason, actor, now),
        )

    async def correct(self, context: Context, dossier_id: UUID, command: c.Correct) -> DossierView:
        def apply(dossier: Dossier, now: datetime) -> None:
            dossier.correct(command.reason, command.result, context.actor, now)

        return await self._act(context, dossier_id, "correct", command, apply)

    async def apologize(
        self, context: Context, dossier_id: UUID, command: c.Apologize
    ) -> DossierView:
        def apologize(dossier: Dossier, now: datetime, form: str) -> None:
            dossier.apologize(
                command.reason, command.new_due_date, context.actor, now, self.calendar, form
            )

        return await self._act(
            context,
            dossier_id,
            "apologize",
            command,
            lambda d, now: self._issue(d, lambda d, form: apologize(d, now, form)),
        )

    async def stop(self, context: Context, dossier_id: UUID, command: c.Stop) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "stop",
            command,
            lambda d, now: self._issue(
                d, lambda d, form: d.stop_processing(command.reason, actor, now, form)
            ),
        )

    async def return_result(
        self, context: Context, dossier_id: UUID, command: c.ReturnResult
    ) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "return_result",
            command,
            lambda d, now: d.return_result(command.channel, actor, now),
        )

    async def withdraw(
        self, context: Context, dossier_id: UUID, command: c.Withdraw
    ) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "withdraw",
            command,
            lambda d, now: d.withdraw(command.reason, actor, now),
        )

    async def rate(self, context: Context, dossier_id: UUID, command: c.Rate) -> DossierView:
        actor = context.actor
        return await self._act(
            context,
            dossier_id,
            "rate",
            command,
            lambda d, now: d.rate(command.rating, command.comment, actor, now),
        )

    async def _act(
        self,
        context: Context,
        dossier_id: UUID,
        name: str,
        command: object,
        apply: Apply[Dossier],
    ) -> DossierView:
        answer: DossierView = await self.pipeline.act(
            self.steps, context, dossier_id, name, command, apply
        )
        return answer

    # -- the citizen, with the secret from the receipt -------------------------------------

    async def citizen(self, code: str, secret: str, request_id: str = "") -> Context:
        """The citizen's context for their own dossier; a wrong secret finds nothing."""
        dossier = await self.repository.get(Dossier, Dossier.id_for(code))
        if dossier is None or not hmac.compare_digest(dossier.secret_hash, hash_secret(secret)):
            raise NotFound()
        actor = Actor(sub=f"citizen:{code}", role=Role.CITIZEN, unit=dossier.receiving_unit)
        return Context(actor=actor, request_id=request_id)

    async def public_status(self, code: str, secret: str) -> PublicStatus:
        await self.citizen(code, secret)
        return public_view(await self.repository.events(Dossier.id_for(code)), self.units)

    # -- reads ------------------------------------------------------------------------------

    async def get(self, actor: Actor, dossier_id: UUID) -> DossierView:
        return self._view(await self._visible(actor, dossier_id))

    async def desk(self, actor: Actor, dossier_id: UUID) -> DeskView:
        """The dossier and the commands ``actor`` may run on it now. Transfer needs a
        next unit on the route, approval a deciding step: offered only then."""
        dossier = await self._visible(actor, dossier_id)
        next_unit = dossier.next_on_route(self.units)
        possible = {"transfer": next_unit is not None, "approve": dossier.at_decision_step}
        actions = tuple(
            name
            for name in access.COMMANDS
            if dossier.allows(name)
            and access.may(actor, name, dossier)
            and possible.get(name, True)
        )
        return DeskView(self._view(dossier), actions, next_unit)

    async def history(self, actor: Actor, dossier_id: UUID) -> History:
        await self._visible(actor, dossier_id)
        return history_view(await self.repository.events(dossier_id))

    async def as_of(self, actor: Actor, dossier_id: UUID, instant: datetime) -> AsOf[DossierView]:
        """The dossier exactly as it was at ``instant``, rebuilt from its events."""
        await self._visible(actor, dossier_id)
        return await state_as_of(
            self.repository, Dossier, dossier_id, instant, staff_view, "dossier"
        )

    async def _visible(self, actor: Actor, dossier_id: UUID) -> Dossier:
        dossier = await self.repository.get(Dossier, dossier_id)
        if dossier is None or not access.can_see(actor, dossier, self.units):
            raise NotFound()
        return dossier

    def _view(self, dossier: Dossier) -> DossierView:
        return staff_view(dossier, self.clock.now().astimezone(VIETNAM_TZ).date())


def _forget(task: asyncio.Future[Any]) -> None:
    """Cancel ``task`` if it still runs, and take its outcome if it ended (a replayed
    answer never asked for it; an error of its own was raised by whoever awaited it)."""
    if not task.done():
        task.cancel()
    elif not task.cancelled():
        task.exception()
