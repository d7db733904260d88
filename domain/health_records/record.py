"""A person's health record, held by the health unit that opened it.

Clinical facts (ICD-10 codes, vaccines, dates, units) are stored as they are; personal
data arrives :class:`Sealed`. Every read by staff is an event too (``Accessed``, and
``DocumentRead`` for a file), so the record's stream is its own access log. A file
(``DocumentAttached``) is kept by hash, size and type; its bytes lie in the blob store,
sealed with the person's key like the personal data. Erasure shreds the person's key outside the
domain; the ``Erased`` event records who asked and why, and ends all writing.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.dossiers.dossier import Attachment
from domain.health_records.errors import RecordErased, SelfReferral
from domain.health_records.values import (
    Access,
    Consent,
    Encounter,
    Immunization,
    Referral,
    Sealed,
    Sex,
    diagnoses,
)
from domain.shared import Actor


class HealthRecord(Aggregate):
    class Opened(Aggregate.Created):
        person_id: UUID
        full_name: Sealed
        citizen_id: Sealed
        birth_date: Sealed
        sex: Sex
        unit: str
        actor: Actor

    class EncounterRecorded(Aggregate.Event):
        at: datetime
        diagnoses: tuple[str, ...]
        notes: Sealed | None
        actor: Actor

    class Immunized(Aggregate.Event):
        vaccine: str
        dose: int
        at: date
        actor: Actor

    class Referred(Aggregate.Event):
        to_unit: str
        reason: Sealed
        actor: Actor

    class ConsentGranted(Aggregate.Event):
        grantee_unit: str
        purpose: str
        until: date
        actor: Actor

    class ConsentWithdrawn(Aggregate.Event):
        grantee_unit: str
        actor: Actor

    class Accessed(Aggregate.Event):
        purpose: str
        actor: Actor

    class Erased(Aggregate.Event):
        reason: str
        actor: Actor

    class DocumentAttached(Aggregate.Event):
        attachment: Attachment
        """Its ``blob`` holds the file sealed with the person's key."""
        actor: Actor

    class DocumentRead(Aggregate.Event):
        name: str
        sha256: str
        purpose: str
        actor: Actor

    @event(Opened)
    def __init__(
        self,
        id: UUID,
        person_id: UUID,
        full_name: Sealed,
        citizen_id: Sealed,
        birth_date: Sealed,
        sex: Sex,
        unit: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.person_id = person_id
        self.full_name = full_name
        self.citizen_id = citizen_id
        self.birth_date = birth_date
        self.sex = Sex(sex)
        self.holding_unit = unit
        self.encounters: tuple[Encounter, ...] = ()
        self.immunizations: tuple[Immunization, ...] = ()
        self.referrals: tuple[Referral, ...] = ()
        self.consents: tuple[Consent, ...] = ()
        self.accesses: tuple[Access, ...] = ()
        self.attachments: dict[str, Attachment] = {}
        """By name: the latest file of each name (the earlier ones stay in the history)."""
        self.erased = False

    @classmethod
    def open(
        cls,
        *,
        id: UUID,
        person_id: UUID,
        full_name: Sealed,
        citizen_id: Sealed,
        birth_date: Sealed,
        sex: Sex,
        unit: str,
        actor: Actor,
        at: datetime,
    ) -> HealthRecord:
        return cls(
            id=id,
            person_id=person_id,
            full_name=full_name,
            citizen_id=citizen_id,
            birth_date=birth_date,
            sex=sex,
            unit=unit,
            actor=actor,
            timestamp=at,
        )

    # -- clinical entries -------------------------------------------------------------------

    def record_encounter(
        self,
        at: datetime,
        codes: tuple[str, ...],
        notes: Sealed | None,
        actor: Actor,
        now: datetime,
    ) -> None:
        self._require_not_erased()
        self._encounter_recorded(
            at=at, diagnoses=diagnoses(codes), notes=notes, actor=actor, timestamp=now
        )

    @event(EncounterRecorded)
    def _encounter_recorded(
        self,
        at: datetime,
        diagnoses: tuple[str, ...],
        notes: Sealed | None,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        entry = Encounter(at, tuple(diagnoses), notes, actor.unit)
        self.encounters = (*self.encounters, entry)

    def immunize(self, vaccine: str, dose: int, at: date, actor: Actor, now: datetime) -> None:
        self._require_not_erased()
        self._immunized(vaccine=vaccine, dose=dose, at=at, actor=actor, timestamp=now)

    @event(Immunized)
    def _immunized(
        self, vaccine: str, dose: int, at: date, actor: Actor, timestamp: datetime
    ) -> None:
        self.immunizations = (*self.immunizations, Immunization(vaccine, dose, at, actor.unit))

    # -- sharing ----------------------------------------------------------------------------

    def refer(self, to_unit: str, reason: Sealed, actor: Actor, now: datetime) -> None:
        """Refer the person to another level of care: that unit may read and write."""
        self._require_not_erased()
        if to_unit == self.holding_unit:
            raise SelfReferral(to_unit)
        self._referred(to_unit=to_unit, reason=reason, actor=actor, timestamp=now)

    @event(Referred)
    def _referred(self, to_unit: str, reason: Sealed, actor: Actor, timestamp: datetime) -> None:
        self.referrals = (*self.referrals, Referral(to_unit, reason, timestamp, actor.unit))

    def grant_consent(
        self, grantee_unit: str, purpose: str, until: date, actor: Actor, now: datetime
    ) -> None:
        """The person lets ``grantee_unit`` read the record until ``until`` (inclusive)."""
        self._require_not_erased()
        self._consent_granted(
            grantee_unit=grantee_unit, purpose=purpose, until=until, actor=actor, timestamp=now
        )

    @event(ConsentGranted)
    def _consent_granted(
        self, grantee_unit: str, purpose: str, until: date, actor: Actor, timestamp: datetime
    ) -> None:
        self.consents = (*self.consents, Consent(grantee_unit, purpose, until))

    def consented_to(self, grantee_unit: str) -> bool:
        """True while a consent given to ``grantee_unit`` stands (expired or not)."""
        return any(consent.grantee_unit == grantee_unit for consent in self.consents)

    def withdraw_consent(self, grantee_unit: str, actor: Actor, now: datetime) -> None:
        """The person takes back every consent given to ``grantee_unit``; its reads stop."""
        self._consent_withdrawn(grantee_unit=grantee_unit, actor=actor, timestamp=now)

    @event(ConsentWithdrawn)
    def _consent_withdrawn(self, grantee_unit: str, actor: Actor, timestamp: datetime) -> None:
        self.consents = tuple(c for c in self.consents if c.grantee_unit != grantee_unit)

    # -- files ------------------------------------------------------------------------------

    def attach(self, attachment: Attachment, actor: Actor, now: datetime) -> None:
        self._require_not_erased()
        self._document_attached(attachment=attachment, actor=actor, timestamp=now)

    @event(DocumentAttached)
    def _document_attached(self, attachment: Attachment, actor: Actor, timestamp: datetime) -> None:
        self.attachments = {**self.attachments, attachment.name: attachment}

    def read_document(self, name: str, purpose: str, actor: Actor, now: datetime) -> Attachment:
        """Record a read of the file ``name`` by staff, like a read of the record; none is
        left once the record is erased (its files went with the person's key)."""
        self._require_not_erased()
        attachment = self.attachments[name]
        self._document_read(
            name=name, sha256=attachment.sha256, purpose=purpose, actor=actor, timestamp=now
        )
        return attachment

    @event(DocumentRead)
    def _document_read(
        self, name: str, sha256: str, purpose: str, actor: Actor, timestamp: datetime
    ) -> None:
        self.accesses = (*self.accesses, Access(timestamp, actor, purpose, name))

    # -- reads and erasure ------------------------------------------------------------------

    def access(self, purpose: str, actor: Actor, now: datetime) -> None:
        """Record a read by staff: who, from which unit, why, when."""
        self._accessed(purpose=purpose, actor=actor, timestamp=now)

    @event(Accessed)
    def _accessed(self, purpose: str, actor: Actor, timestamp: datetime) -> None:
        self.accesses = (*self.accesses, Access(timestamp, actor, purpose))

    def erase(self, reason: str, actor: Actor, now: datetime) -> None:
        """Record the erasure (the key is shredded by the caller); idempotent."""
        if not self.erased:
            self._erased(reason=reason, actor=actor, timestamp=now)

    @event(Erased)
    def _erased(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.erased = True

    def _require_not_erased(self) -> None:
        if self.erased:
            raise RecordErased()
