"""Use cases of the health record: open, write clinical entries, share, read (every read
is recorded), the access log, and erasure.

Personal values are sealed before the aggregate sees them. Answers to writes carry no
personal data: with an Idempotency-Key they are stored as they are.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from uuid import UUID

from application.commands import CommandRunner, Decision, RequestPrint
from application.context import Context
from application.errors import Forbidden, InvalidInput, NotFound
from application.health_records import commands as c
from application.health_records.personal_data import PersonalData
from application.health_records.views import (
    AccessLog,
    Erasure,
    RecordReceipt,
    RecordView,
    access_log_view,
    receipt,
    record_view,
)
from application.history import AsOf, state_as_of
from application.pipeline import Pipeline, Steps
from application.ports import Clock, ConcurrencyError, Secrets
from application.repository import Repository
from domain.calendar import VIETNAM_TZ
from domain.health_records import access
from domain.health_records.record import HealthRecord
from domain.shared import Actor, Role
from domain.units import UnitTree

Apply = Callable[[HealthRecord, datetime], Awaitable[None]]
Permitted = Callable[[Actor, HealthRecord], bool]


class HealthRecords:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        secrets: Secrets,
        units: UnitTree,
        personal: PersonalData,
        prints: RequestPrint,
    ) -> None:
        self.repository = repository
        self.runner = CommandRunner(repository, prints)
        self.pipeline = Pipeline(self.runner, clock)
        self.clock = clock
        self.secrets = secrets
        self.units = units
        self.personal = personal

    async def open(self, context: Context, command: c.OpenRecord) -> RecordReceipt:
        """A clinician opens the person's record at their health unit."""
        if context.actor.role != Role.CLINICIAN:
            raise Forbidden("a clinician opens health records")
        record_id, person_id = self.secrets.new_id(), self.secrets.new_id()
        person = command.person

        async def decide() -> Decision:
            seal = await self.personal.sealer(person_id)
            record = HealthRecord.open(
                id=record_id,
                person_id=person_id,
                full_name=seal(person.full_name),
                citizen_id=seal(person.citizen_id),
                birth_date=seal(person.birth_date.isoformat()),
                sex=person.sex,
                unit=context.actor.unit,
                actor=context.actor,
                at=self.clock.now(),
            )
            return [record], receipt(record)

        answer: RecordReceipt = await self.runner.run(context, ("open", command), decide)
        return answer

    async def record_encounter(
        self, context: Context, record_id: UUID, command: c.RecordEncounter
    ) -> RecordReceipt:
        async def apply(record: HealthRecord, now: datetime) -> None:
            notes = command.notes
            sealed = (await self.personal.sealer(record.person_id))(notes) if notes else None
            record.record_encounter(command.at, command.diagnoses, sealed, context.actor, now)

        return await self.act(context, record_id, "encounter", command, access.may_write, apply)

    async def immunize(
        self, context: Context, record_id: UUID, command: c.Immunize
    ) -> RecordReceipt:
        async def apply(record: HealthRecord, now: datetime) -> None:
            record.immunize(command.vaccine, command.dose, command.at, context.actor, now)

        return await self.act(context, record_id, "immunize", command, access.may_write, apply)

    async def refer(self, context: Context, record_id: UUID, command: c.Refer) -> RecordReceipt:
        if command.to_unit not in self.units:
            raise InvalidInput("to_unit", "no unit has this code")

        async def apply(record: HealthRecord, now: datetime) -> None:
            sealed = (await self.personal.sealer(record.person_id))(command.reason)
            record.refer(command.to_unit, sealed, context.actor, now)

        return await self.act(context, record_id, "refer", command, access.may_share, apply)

    async def grant_consent(
        self, context: Context, record_id: UUID, command: c.GrantConsent
    ) -> RecordReceipt:
        if command.grantee_unit not in self.units:
            raise InvalidInput("grantee_unit", "no unit has this code")

        async def apply(record: HealthRecord, now: datetime) -> None:
            record.grant_consent(
                command.grantee_unit, command.purpose, command.until, context.actor, now
            )

        return await self.act(context, record_id, "consent", command, access.may_share, apply)

    async def withdraw_consent(
        self, context: Context, record_id: UUID, command: c.WithdrawConsent
    ) -> RecordReceipt:
        """At the person's request, the holding unit takes back a consent: from now on the
        grantee unit's reads find no record."""

        async def apply(record: HealthRecord, now: datetime) -> None:
            if not record.consented_to(command.grantee_unit):
                raise NotFound("consent")
            record.withdraw_consent(command.grantee_unit, context.actor, now)

        return await self.act(
            context, record_id, "withdraw_consent", command, access.may_share, apply
        )

    async def read(self, context: Context, record_id: UUID, purpose: str) -> RecordView:
        """The record, opened; the read itself is appended first (who, unit, why, when)."""
        read: list[HealthRecord] = []

        async def apply(record: HealthRecord, now: datetime) -> None:
            record.access(purpose, context.actor, now)
            read[:] = [record]

        # A read is no command: no Idempotency-Key, no If-Match; it is always recorded.
        plain_context = Context(actor=context.actor, request_id=context.request_id)
        await self.act(
            plain_context,
            record_id,
            "read",
            purpose,
            self.may_read,
            apply,
            retry=True,
            visible=self.may_read,
        )
        (record,) = read
        return record_view(record, await self.personal.opener(record.person_id))

    async def as_of(
        self, context: Context, record_id: UUID, instant: datetime, purpose: str
    ) -> AsOf[RecordView]:
        """An auditor above the holding unit rebuilds the record as it was at ``instant``.
        Like every read of it, the rebuild is recorded first: who, from where, why, when."""
        person: list[UUID] = []

        def audits(actor: Actor, record: HealthRecord) -> bool:
            return access.oversees(actor, record, self.units, Role.AUDITOR)

        async def apply(record: HealthRecord, now: datetime) -> None:
            record.access(purpose, context.actor, now)
            person[:] = [record.person_id]

        plain_context = Context(actor=context.actor, request_id=context.request_id)
        await self.act(
            plain_context, record_id, "rebuild", (purpose, instant), audits, apply, retry=True
        )
        opener = await self.personal.opener(person[0])
        return await state_as_of(
            self.repository,
            HealthRecord,
            record_id,
            instant,
            lambda record, _: record_view(record, opener),
            "health record",
        )

    async def access_log(self, actor: Actor, record_id: UUID) -> AccessLog:
        record = await self.visible(actor, record_id)
        if not access.oversees(actor, record, self.units, Role.AUDITOR):
            raise Forbidden("the access log is for auditors")
        return access_log_view(record)

    async def erase(self, context: Context, record_id: UUID, command: c.Erase) -> Erasure:
        """Crypto-shred the person's data (admin); the events and their chain stay."""

        def administers(actor: Actor, record: HealthRecord) -> bool:
            return access.oversees(actor, record, self.units, Role.ADMIN)

        record = await self.visible(context.actor, record_id)
        if not administers(context.actor, record):
            raise Forbidden("an admin carries out erasure requests")
        await self.personal.erase(record.person_id)

        async def apply(record: HealthRecord, now: datetime) -> None:
            record.erase(command.reason, context.actor, now)

        answer = await self.act(
            context, record_id, "erase", command, administers, apply, retry=True
        )
        return Erasure(answer.id, answer.version, erased=True)

    # -- the shared steps -------------------------------------------------------------------

    async def act(
        self,
        context: Context,
        record_id: UUID,
        name: str,
        command: object,
        permitted: Permitted,
        apply: Apply,
        *,
        retry: bool = False,
        visible: Permitted | None = None,
    ) -> RecordReceipt:
        """``retry``: decide again when the record moved meanwhile (reads and erasure do
        not depend on what moved it); ``visible``: who may learn that it exists."""

        async def load(actor: Actor, key: UUID) -> HealthRecord:
            return await self.visible(actor, key, visible)

        def authorise(actor: Actor, _: str, record: HealthRecord) -> None:
            if not permitted(actor, record):
                raise Forbidden(f"a {actor.role} of this unit may not do this")

        def raced(conflict: ConcurrencyError) -> bool:
            return retry and conflict.stream_id == record_id

        steps = Steps(load, authorise, receipt)
        answer: RecordReceipt = await self.pipeline.act(
            steps, context, record_id, name, command, apply, retry_if=raced
        )
        return answer

    async def visible(
        self, actor: Actor, record_id: UUID, visible: Permitted | None = None
    ) -> HealthRecord:
        record = await self.repository.get(HealthRecord, record_id)
        if record is None or not (visible or self._knows_of)(actor, record):
            raise NotFound("health record")
        return record

    def _knows_of(self, actor: Actor, record: HealthRecord) -> bool:
        """Readers see the record; auditors and admins above its unit see that it exists."""
        return self.may_read(actor, record) or any(
            access.oversees(actor, record, self.units, role) for role in (Role.AUDITOR, Role.ADMIN)
        )

    def may_read(self, actor: Actor, record: HealthRecord) -> bool:
        return access.may_read(actor, record, self.clock.now().astimezone(VIETNAM_TZ).date())
