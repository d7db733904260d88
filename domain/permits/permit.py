"""The permit (giấy phép): issued once from an approved dossier, then amended, extended,
suspended, reinstated or revoked. It expires with its end date: by the calendar, not by
an event, so its status is always asked as of a day.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.calendar import VIETNAM_TZ
from domain.permits.errors import InvalidExtension, PermitNotInForce
from domain.permits.terms import PermitTerms
from domain.shared import Actor

_ID_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:permit")


class PermitStatus(StrEnum):
    VALID = "valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"


IN_FORCE = (PermitStatus.VALID, PermitStatus.SUSPENDED)


class Permit(Aggregate):
    @staticmethod
    def id_for(number: str) -> UUID:
        """The stream follows from the number: a second issue finds it taken."""
        return uuid5(_ID_NAMESPACE, number)

    class Issued(Aggregate.Created):
        number: str
        kind: str
        dossier_id: UUID
        terms: PermitTerms
        issuing_unit: str
        actor: Actor

    class Amended(Aggregate.Event):
        scope: str
        actor: Actor

    class Extended(Aggregate.Event):
        valid_until: date
        actor: Actor

    class Suspended(Aggregate.Event):
        reason: str
        actor: Actor

    class Reinstated(Aggregate.Event):
        reason: str
        actor: Actor

    class Revoked(Aggregate.Event):
        reason: str
        actor: Actor

    @event(Issued)
    def __init__(
        self,
        id: UUID,
        number: str,
        kind: str,
        dossier_id: UUID,
        terms: PermitTerms,
        issuing_unit: str,
        actor: Actor,
        timestamp: datetime,
    ) -> None:
        self.number = number
        self.kind = kind
        self.dossier_id = dossier_id
        self.holder = terms.holder
        self.scope = terms.scope
        self.valid_from = terms.valid_from
        self.valid_until = terms.valid_until
        self.issuing_unit = issuing_unit
        self.suspended = False
        self.revoked = False

    @classmethod
    def issue(
        cls,
        *,
        number: str,
        kind: str,
        dossier_id: UUID,
        terms: PermitTerms,
        issuing_unit: str,
        actor: Actor,
        at: datetime,
    ) -> Permit:
        return cls(
            id=cls.id_for(number),
            number=number,
            kind=kind,
            dossier_id=dossier_id,
            terms=terms,
            issuing_unit=issuing_unit,
            actor=actor,
            timestamp=at,
        )

    def status(self, today: date) -> PermitStatus:
        if self.revoked:
            return PermitStatus.REVOKED
        if today > self.valid_until:
            return PermitStatus.EXPIRED
        return PermitStatus.SUSPENDED if self.suspended else PermitStatus.VALID

    # -- commands ---------------------------------------------------------------------------

    def amend(self, scope: str, actor: Actor, at: datetime) -> None:
        self._require("amend", at, *IN_FORCE)
        self._amended(scope=scope, actor=actor, timestamp=at)

    @event(Amended)
    def _amended(self, scope: str, actor: Actor, timestamp: datetime) -> None:
        self.scope = scope

    def extend(self, valid_until: date, actor: Actor, at: datetime) -> None:
        """Push the end date later; never earlier (that would be a revocation)."""
        self._require("extend", at, *IN_FORCE)
        if valid_until <= self.valid_until:
            raise InvalidExtension(valid_until, self.valid_until)
        self._extended(valid_until=valid_until, actor=actor, timestamp=at)

    @event(Extended)
    def _extended(self, valid_until: date, actor: Actor, timestamp: datetime) -> None:
        self.valid_until = valid_until

    def suspend(self, reason: str, actor: Actor, at: datetime) -> None:
        self._require("suspend", at, PermitStatus.VALID)
        self._suspended(reason=reason, actor=actor, timestamp=at)

    @event(Suspended)
    def _suspended(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.suspended = True

    def reinstate(self, reason: str, actor: Actor, at: datetime) -> None:
        self._require("reinstate", at, PermitStatus.SUSPENDED)
        self._reinstated(reason=reason, actor=actor, timestamp=at)

    @event(Reinstated)
    def _reinstated(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.suspended = False

    def revoke(self, reason: str, actor: Actor, at: datetime) -> None:
        """Withdraw the permit for good: no command applies after this."""
        self._require("revoke", at, *IN_FORCE)
        self._revoked(reason=reason, actor=actor, timestamp=at)

    @event(Revoked)
    def _revoked(self, reason: str, actor: Actor, timestamp: datetime) -> None:
        self.revoked = True

    def _require(self, command: str, at: datetime, *allowed: PermitStatus) -> None:
        status = self.status(at.astimezone(VIETNAM_TZ).date())
        if status not in allowed:
            raise PermitNotInForce(command, status)
