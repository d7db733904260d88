"""The dossier (hồ sơ): one citizen's case, from filing to the returned result.

Each public command checks the rules, computes what needs outside knowledge
(the working-day calendar, the unit tree) and then records one event through a
private ``@event`` method whose body only changes state. Replaying the events
therefore never re-runs a guard or needs the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.calendar import VIETNAM_TZ, WorkingCalendar
from domain.catalog import Action, Procedure, Step, stops_of
from domain.dossiers.errors import (
    AlreadyApologized,
    AlreadyRated,
    InvalidAppointment,
    InvalidTransition,
    NotOnRoute,
    WrongAmount,
)
from domain.dossiers.status import ALLOWED_IN, TERMINAL, Channel, Rating, Status, overdue
from domain.fields import Address, CitizenId, Email, Name, Phone, Sha256
from domain.shared import Actor
from domain.units import UnitTree


@dataclass(frozen=True)
class Applicant:
    full_name: Name
    citizen_id: CitizenId
    phone: Phone | None = None
    address: Address | None = None
    email: Email | None = None
    """Where notices go by e-mail, when the applicant gave one."""


@dataclass(frozen=True)
class Handover:
    """What a switch does to one dossier (:mod:`domain.dossiers.handover` decides it)."""

    effective: date
    legal_basis: str
    from_unit: str
    from_unit_name: str
    to_unit: str
    to_unit_name: str
    from_desk: str
    from_desk_name: str
    to_desk: str
    to_desk_name: str


@dataclass(frozen=True)
class Document:
    name: Name
    sha256: Sha256 | None = None


@dataclass(frozen=True)
class Attachment:
    """A file of the dossier: its content lives in the blob store under ``blob``."""

    name: str
    sha256: str
    size: int
    content_type: str
    blob: str


@dataclass(frozen=True)
class Payment:
    """The fee, paid: how much, the gateway's transaction, when."""

    amount_vnd: int
    transaction_id: str
    at: datetime


_ID_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:dossier")


class Dossier(Aggregate):
    """A case under one procedure version, identified by the code on its receipt."""

    @staticmethod
    def id_for(code: str) -> UUID:
        """The dossier's id follows from its unique code, so the code finds the stream."""
        return uuid5(_ID_NAMESPACE, code)

    class Submitted(Aggregate.Created):
        code: str
        procedure_code: str
        procedure_version: int
        procedure_name: str
        time_limit_days: int
        route: tuple[Step, ...]
        applicant: Applicant
        documents: tuple[Document, ...]
        channel: Channel
        receiving_unit: str
        secret_hash: str
        actor: Actor
        fee_vnd: int | None = None
        """The procedure version's fee (None: the catalog does not say; 0: free)."""
        possible_duplicates: tuple[str, ...] = ()
        """Codes of open dossiers of the same citizen and procedure at filing (for staff)."""

    class Received(Aggregate.Event):
        due_date: date
        actor: Actor
        form_sha256: str = ""
        fee_due_vnd: int = 0
        """The fee to pay before processing starts: the clock waits until it is paid."""

    class Paid(Aggregate.Event):
        """The payment gateway's notice: the fee is paid, the clock resumes."""

        amount_vnd: int
        transaction_id: str
        due_date: date | None
        actor: Actor

    class IntakeRefused(Aggregate.Event):
        reason: str
        actor: Actor
        form_sha256: str = ""

    class SupplementRequested(Aggregate.Event):
        reason: str
        documents: tuple[str, ...]
        actor: Actor
        form_sha256: str = ""

    class Supplemented(Aggregate.Event):
        documents: tuple[Document, ...]
        due_date: date | None
        actor: Actor

    class Transferred(Aggregate.Event):
        to_unit: str
        stop: int
        note: str | None
        actor: Actor

    class Approved(Aggregate.Event):
        result: dict[str, Any]
        note: str | None
        actor: Actor

    class Refused(Aggregate.Event):
        reason: str
        actor: Actor

    class DocumentAttached(Aggregate.Event):
        attachment: Attachment
        actor: Actor

    class Corrected(Aggregate.Event):
        """Đính chính: the decided result, put right; the earlier one stays in history."""

        reason: str
        result: dict[str, Any]
        actor: Actor

    class Apologized(Aggregate.Event):
        reason: str
        new_due_date: date
        actor: Actor
        late_notice: bool = False
        form_sha256: str = ""

    class ResultReturned(Aggregate.Event):
        channel: Channel
        actor: Actor

    class Withdrawn(Aggregate.Event):
        reason: str
        actor: Actor

    class Stopped(Aggregate.Event):
        reason: str
        actor: Actor
        form_sha256: str = ""

    class Rated(Aggregate.Event):
        rating: Rating
        comment: str | None
        actor: Actor

    class DueDateMoved(Aggregate.Event):
        """An announced change of the working calendar moved the due date."""

        due_date: date
        legal_basis: str
        actor: Actor

    class Forwarded(Aggregate.Event):
        """The desk hands the dossier to the competent unit (boundary-free filing)."""

        to_unit: str
        actor: Actor

    class HandedOver(Aggregate.Event):
        """Units it was at ceased: it goes on at the units that carry on their work.

        Names are as they were on the eve, so the history reads as it happened."""

        effective: date
        legal_basis: str
        from_unit: str
        from_unit_name: str
        to_unit: str
        to_unit_name: str
        from_desk: str
        from_desk_name: str
        to_desk: str
        to_desk_name: str
        actor: Actor

    # -- creation ---------------------------------------------------------------------------

    @event(Submitted)
    def __init__(
        self,
        id: UUID,
        code: str,
        procedure_code: str,
        procedure_version: int,
        procedure_name: str,
        time_limit_days: int,
        route: tuple[Step, ...],
        applicant: Applicant,
        documents: tuple[Document, ...],
        channel: Channel,
        receiving_unit: str,
        secret_hash: str,
        actor: Actor,
        timestamp: datetime,
        fee_vnd: int | None = None,
        possible_duplicates: tuple[str, ...] = (),
    ) -> None:
        self.code = code
        self.procedure_code = procedure_code
        self.procedure_version = procedure_version
        self.procedure_name = procedure_name
        self.time_limit_days = time_limit_days
        self.route = tuple(route)
        self.applicant = applicant
        self.documents = tuple(documents)
        self.channel = Channel(channel)
        self.receiving_unit = receiving_unit
        self.current_unit = receiving_unit
        self.competent_unit = receiving_unit
        """Where its route runs: the desk's own unit unless filed for another."""
        self.filed_on = timestamp.astimezone(VIETNAM_TZ).date()
        self.switches: tuple[date, ...] = ()
        """The effective days of the reorganisations it was handed over at."""
        self.visited_units: tuple[str, ...] = (receiving_unit,)
        self.secret_hash = secret_hash
        self.status = Status.SUBMITTED
        self.stop = 0
        self.received_at: datetime | None = None
        self.due_date: date | None = None
        self.paused_since: datetime | None = None
        self.resume_status = Status.SUBMITTED
        self.decided_at: datetime | None = None
        self.deciding_unit: str | None = None
        self.result: dict[str, Any] | None = None
        self.apologized = False
        self.attachments: dict[str, Attachment] = {}
        self.rating: Rating | None = None
        self.fee_vnd = fee_vnd
        self.possible_duplicates = tuple(possible_duplicates)
        self.payment: Payment | None = None

    @classmethod
    def submit(
        cls,
        *,
        code: str,
        procedure: Procedure,
        applicant: Applicant,
        documents: tuple[Document, ...],
        channel: Channel,
        receiving_unit: str,
        secret_hash: str,
        actor: Actor,
        at: datetime,
        possible_duplicates: tuple[str, ...] = (),
    ) -> Dossier:
        """File a dossier at ``receiving_unit``; it waits there for the desk's receipt.
        ``possible_duplicates``: open dossiers of the same citizen and procedure, flagged
        for the staff (filing goes on: the citizen may have reasons)."""
        return cls(
            id=cls.id_for(code),
            code=code,
            procedure_code=procedure.code,
            procedure_version=procedure.version,
            procedure_name=procedure.name,
            time_limit_days=procedure.time_limit_days,
            route=procedure.steps,
            applicant=applicant,
            documents=documents,
            channel=channel,
            receiving_unit=receiving_unit,
            secret_hash=secret_hash,
            actor=actor,
            timestamp=at,
            fee_vnd=procedure.fee_vnd,
            possible_duplicates=possible_duplicates,
        )

    # -- intake -----------------------------------------------------------------------------

    def receive(
        self, actor: Actor, at: datetime, calendar: WorkingCalendar, form_sha256: str = ""
    ) -> None:
        """Issue the receipt and appointment slip (form 01, whose digest is ``form_sha256``):
        the due date is set and processing starts, or, when the procedure has a fee, waits
        for the payment with the clock stopped (payment is due on receipt)."""
        self._require("receive")
        self._received(
            due_date=calendar.due_date(at, self.time_limit_days),
            actor=actor,
            timestamp=at,
            form_sha256=form_sha256,
            fee_due_vnd=self.fee_vnd or 0,
        )

    @event(Received)
    def _received(
        self, due_date: date, actor: Actor, timestamp: datetime, form_sha256: str, fee_due_vnd: int
    ) -> None:
        self.received_at = timestamp
        self.due_date = due_date
        if fee_due_vnd:
            self.status = Status.AWAITING_PAYMENT
            self.paused_since = timestamp
        else:
            self.status = Status.IN_PROCESSING

    @property
    def fee_due_vnd(self) -> int:
        """What the citizen still owes (0: nothing, or paid)."""
        return (self.fee_vnd or 0) if self.status == Status.AWAITING_PAYMENT else 0

    def pay(
        self,
        amount_vnd: int,
        transaction_id: str,
        actor: Actor,
        at: datetime,
        calendar: WorkingCalendar,
    ) -> None:
        """The fee is paid in full (the gateway's notice): processing starts, the due date
        moves on by the working days spent waiting, as after a supplement."""
        self._require("pay")
        if amount_vnd != self.fee_due_vnd:
            raise WrongAmount(self.fee_due_vnd, amount_vnd)
        self._paid(
            amount_vnd=amount_vnd,
            transaction_id=transaction_id,
            due_date=self._resumed_due_date(at, calendar),
            actor=actor,
            timestamp=at,
        )

    @event(Paid)
    def _paid(
        self,
        amount_vnd: int,
        transaction_id: str,
        due_date: date | None,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.payment = Payment(amount_vnd, transaction_id, timestamp)
        self.due_date = due_date
        self.status = Status.IN_PROCESSING
        self.paused_since = None

    def _resumed_due_date(self, at: datetime, calendar: WorkingCalendar) -> date | None:
        """The due date moved on by the working days the clock stood still."""
        assert self.paused_since is not None
        due_date = self.due_date
        if due_date is not None:
            waited = calendar.working_days_between(
                calendar.receipt_day(self.paused_since), calendar.receipt_day(at)
            )
            due_date = calendar.add_working_days(due_date, waited) if waited else due_date
        return due_date

    def refuse_intake(self, reason: str, actor: Actor, at: datetime, form_sha256: str = "") -> None:
        self._require("refuse_intake")
        self._intake_refused(reason=reason, actor=actor, timestamp=at, form_sha256=form_sha256)

    @event(IntakeRefused)
    def _intake_refused(
        self, reason: str, actor: Actor, timestamp: datetime, form_sha256: str
    ) -> None:
        self.status = Status.INTAKE_REFUSED
        self.paused_since = None

    # -- supplement -------------------------------------------------------------------------

    def request_supplement(
        self,
        reason: str,
        documents: tuple[str, ...],
        actor: Actor,
        at: datetime,
        form_sha256: str = "",
    ) -> None:
        """Ask for missing or corrected documents: the statutory clock stops."""
        self._require("request_supplement")
        self._supplement_requested(
            reason=reason, documents=documents, actor=actor, timestamp=at, form_sha256=form_sha256
        )

    @event(SupplementRequested)
    def _supplement_requested(
        self,
        reason: str,
        documents: tuple[str, ...],
        actor: Actor,
        timestamp: datetime,
        form_sha256: str,
    ) -> None:
        self.resume_status = self.status
        self.status = Status.AWAITING_SUPPLEMENT
        self.paused_since = timestamp

    def supplement(
        self, documents: tuple[Document, ...], actor: Actor, at: datetime, calendar: WorkingCalendar
    ) -> None:
        """The citizen hands in what was asked: the clock resumes, the due date moves on
        by the working days spent waiting."""
        self._require("supplement")
        due_date = self._resumed_due_date(at, calendar)
        self._supplemented(documents=documents, due_date=due_date, actor=actor, timestamp=at)

    @event(Supplemented)
    def _supplemented(
        self,
        documents: tuple[Document, ...],
        due_date: date | None,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.documents = (*self.documents, *documents)
        self.due_date = due_date
        self.status = self.resume_status
        self.paused_since = None

    # -- processing along the route ---------------------------------------------------------

    def transfer(
        self, to_unit: str, note: str | None, units: UnitTree, actor: Actor, at: datetime
    ) -> None:
        """Hand the dossier to the next leg of its route: the receiving unit's own
        ancestor at that leg's level, and no other unit."""
        self._require("transfer")
        stops = stops_of(self.route)
        following = self.stop + 1
        if following >= len(stops) or stops[following].is_return_only:
            raise NotOnRoute("the route has no further processing step to transfer to")
        target = self.next_on_route(units)
        if target != to_unit:
            expected = target or f"a {stops[following].level} unit"
            raise NotOnRoute(f"the next step of the route is at {expected}, not {to_unit}")
        self._transferred(to_unit=to_unit, stop=following, note=note, actor=actor, timestamp=at)

    def next_on_route(self, units: UnitTree) -> str | None:
        """The one unit a transfer may name now: the competent unit's ancestor at the
        level of the route's next processing step (None: no such step or unit)."""
        stops = stops_of(self.route)
        following = self.stop + 1
        if following >= len(stops) or stops[following].is_return_only:
            return None
        target = units.at_level(self.competent_unit, stops[following].level)
        return target.code if target else None

    @event(Transferred)
    def _transferred(
        self, to_unit: str, stop: int, note: str | None, actor: Actor, timestamp: datetime
    ) -> None:
        self.current_unit = to_unit
        self.stop = stop
        self._visit(to_unit)

    @property
    def at_decision_step(self) -> bool:
        return Action.DECIDE in stops_of(self.route)[self.stop].actions

    def approve(self, result: dict[str, Any], note: str | None, actor: Actor, at: datetime) -> None:
        """Decide in the applicant's favour; the result goes back to the receiving unit."""
        self._require("approve")
        if not self.at_decision_step:
            raise NotOnRoute("the route does not decide at this step; transfer it onwards")
        self._approved(result=result, note=note, actor=actor, timestamp=at)

    @event(Approved)
    def _approved(
        self, result: dict[str, Any], note: str | None, actor: Actor, timestamp: datetime
    ) -> None:
        self.status = Status.APPROVED
        self.result = dict(result)
        self._decided(timestamp)

    def refuse(self, reason: str, actor: Actor, at: datetime) -> None:
        """Refuse to grant (từ chối giải quyết), with written reasons."""
        self._require("refuse")
        self._refused(reason=reason, actor=actor, timestamp=at)

    @event(Refused)
    def _refused(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.status = Status.REFUSED
        self.result = {"refusal_reason": reason}
        self._decided(timestamp)

    def _decided(self, at: datetime) -> None:
        self.decided_at = at
        self.deciding_unit = self.current_unit
        self.current_unit = self.receiving_unit

    def attach(self, attachment: Attachment, actor: Actor, at: datetime) -> None:
        """A file for one of the dossier's papers (a later file of the same name replaces
        it; the earlier one stays in the history and the store)."""
        self._require("attach")
        self._document_attached(attachment=attachment, actor=actor, timestamp=at)

    @event(DocumentAttached)
    def _document_attached(self, attachment: Attachment, actor: Actor, timestamp: datetime) -> None:
        self.attachments = {**self.attachments, attachment.name: attachment}

    def correct(self, reason: str, result: dict[str, Any], actor: Actor, at: datetime) -> None:
        """Put a decided result right (đính chính). A permit's number stays the permit's:
        the permit itself changes by its own commands."""
        self._require("correct")
        if self.result is not None and "permit_number" in self.result:
            result = {**result, "permit_number": self.result["permit_number"]}
        self._corrected(reason=reason, result=result, actor=actor, timestamp=at)

    @event(Corrected)
    def _corrected(
        self, reason: str, result: dict[str, Any], actor: Actor, timestamp: datetime
    ) -> None:
        self.result = dict(result)

    def apologize(
        self,
        reason: str,
        new_due_date: date,
        actor: Actor,
        at: datetime,
        calendar: WorkingCalendar,
        form_sha256: str = "",
    ) -> None:
        """Issue the apology and a new appointment date, once (the date is re-set once);
        the dossier counts as late. The law wants it sent at the latest on the working day
        before the due date: one sent after that is recorded as a late notice."""
        self._require("apologize")
        if self.apologized:
            raise AlreadyApologized()
        if self.due_date is None or new_due_date <= self.due_date:
            raise InvalidAppointment(new_due_date, self.due_date)
        deadline = calendar.working_day_before(self.due_date)
        self._apologized(
            reason=reason,
            new_due_date=new_due_date,
            actor=actor,
            timestamp=at,
            late_notice=at.astimezone(VIETNAM_TZ).date() > deadline,
            form_sha256=form_sha256,
        )

    @event(Apologized)
    def _apologized(
        self,
        reason: str,
        new_due_date: date,
        actor: Actor,
        timestamp: datetime,
        late_notice: bool,
        form_sha256: str,
    ) -> None:
        self.apologized = True
        self.due_date = new_due_date

    # -- units: another's competence, units that cease ------------------------------------

    def forward(self, to_unit: str, actor: Actor, at: datetime) -> None:
        """Hand a dossier filed at this desk to the competent unit of its first leg; the
        desk keeps it for the return (Decree 118/2025)."""
        if self.status in TERMINAL or self.stop != 0 or self.current_unit != self.receiving_unit:
            raise InvalidTransition("forward", self.status)
        self._forwarded(to_unit=to_unit, actor=actor, timestamp=at)

    @event(Forwarded)
    def _forwarded(self, to_unit: str, actor: Actor, timestamp: datetime) -> None:
        self.current_unit = self.competent_unit = to_unit
        self._visit(to_unit)

    def hand_over(self, handover: Handover, actor: Actor, at: datetime) -> None:
        """Move what ceased units held of it to their successors; dates stay as they are."""
        if self.is_terminal:
            raise InvalidTransition("hand_over", self.status)
        self._handed_over(**vars(handover), actor=actor, timestamp=at)

    @event(HandedOver)
    def _handed_over(
        self,
        effective: date,
        legal_basis: str,
        from_unit: str,
        from_unit_name: str,
        to_unit: str,
        to_unit_name: str,
        from_desk: str,
        from_desk_name: str,
        to_desk: str,
        to_desk_name: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        if self.competent_unit in (from_unit, from_desk):
            self.competent_unit = to_unit if self.competent_unit == from_unit else to_desk
        self.current_unit, self.receiving_unit = to_unit, to_desk
        self.switches = (*self.switches, effective)
        self._visit(to_desk)
        self._visit(to_unit)

    def _visit(self, unit: str) -> None:
        if unit not in self.visited_units:
            self.visited_units = (*self.visited_units, unit)

    # -- the end ----------------------------------------------------------------------------

    def return_result(self, channel: Channel, actor: Actor, at: datetime) -> None:
        self._require("return_result")
        self._result_returned(channel=channel, actor=actor, timestamp=at)

    @event(ResultReturned)
    def _result_returned(self, channel: Channel, actor: Actor, timestamp: datetime) -> None:
        self.status = Status.RESULT_RETURNED

    def withdraw(self, reason: str, actor: Actor, at: datetime) -> None:
        """The citizen takes the dossier back; only before a decision."""
        self._require("withdraw")
        self._withdrawn(reason=reason, actor=actor, timestamp=at)

    @event(Withdrawn)
    def _withdrawn(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.status = Status.WITHDRAWN
        self.paused_since = None

    def stop_processing(
        self, reason: str, actor: Actor, at: datetime, form_sha256: str = ""
    ) -> None:
        """Stop processing (dừng giải quyết, form 05): the end of the dossier, whose notice
        is the result the citizen gets back."""
        self._require("stop")
        self._stopped(reason=reason, actor=actor, timestamp=at, form_sha256=form_sha256)

    @event(Stopped)
    def _stopped(self, reason: str, actor: Actor, timestamp: datetime, form_sha256: str) -> None:
        self.status = Status.STOPPED
        self.paused_since = None
        self.result = {"stop_reason": reason}
        self.decided_at = timestamp

    def rate(self, rating: Rating, comment: str | None, actor: Actor, at: datetime) -> None:
        self._require("rate")
        if self.rating is not None:
            raise AlreadyRated()
        self._rated(rating=rating, comment=comment, actor=actor, timestamp=at)

    @event(Rated)
    def _rated(
        self, rating: Rating, comment: str | None, actor: Actor, timestamp: datetime
    ) -> None:
        self.rating = Rating(rating)

    # -- the calendar ------------------------------------------------------------------------

    def follow_calendar(self, due_date: date, legal_basis: str, actor: Actor, at: datetime) -> None:
        """Move the due date of an undecided dossier to the one recounted
        (:mod:`domain.clock.due_date`) on an announced calendar; nothing to record when
        it is not received yet or its date stays."""
        self._require("follow_calendar")
        if self.due_date is None or due_date == self.due_date:
            return
        self._due_date_moved(due_date=due_date, legal_basis=legal_basis, actor=actor, timestamp=at)

    @event(DueDateMoved)
    def _due_date_moved(
        self, due_date: date, legal_basis: str, actor: Actor, timestamp: datetime
    ) -> None:
        self.due_date = due_date

    # -- questions --------------------------------------------------------------------------

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL

    @property
    def _paused_at_intake(self) -> bool:
        return self.status == Status.AWAITING_SUPPLEMENT and self.resume_status == Status.SUBMITTED

    def is_overdue(self, today: date) -> bool:
        return overdue(self.status, self.due_date, today)

    @property
    def is_late(self) -> bool:
        """Counts as late in statistics: an apology was issued, or decided after the due date."""
        if self.apologized:
            return True
        if self.decided_at is None or self.due_date is None:
            return False
        return self.decided_at.astimezone(VIETNAM_TZ).date() > self.due_date

    def allows(self, command: str) -> bool:
        """True when the dossier's state admits ``command`` for someone (whether for this
        caller is :mod:`domain.dossiers.access`'s question)."""
        if command == "refuse_intake" and self._paused_at_intake:
            return True
        return self.status in ALLOWED_IN[command]

    def _require(self, command: str) -> None:
        if not self.allows(command):
            raise InvalidTransition(command, self.status)
