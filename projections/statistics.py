"""The figures provinces report upward, per unit, procedure and day.

A dossier counts at the unit that received it, under the procedure it was filed
under. The view holds daily counters (``measure`` on ``day``) of two kinds:

- flows, on the local date of the event: ``received``, ``closed`` (approved, refused,
  stopped or withdrawn after receipt), ``resolved_early|on_time|late`` (approvals
  against the due date; an apology makes it late either way), ``refused``, ``stopped``,
  ``withdrawn``, ``supplement_requested``, ``late_notice`` (an apology sent after the
  working day before the due date), ``rated_<rating>``, ``paid`` (fees paid) and
  ``fees_collected`` (their amount in VND, a sum rather than a count);
- stock, the dossiers received and now ``in_processing``, ``awaiting_supplement`` or
  ``awaiting_payment``, counted on the day after which they are overdue (their due date;
  day 0 once the unit apologised, since an apology counts as late).

Only received dossiers count: an online submission refused or withdrawn before the
desk took it in is not in the desk's figures. A period's report sums the days in it
(see :mod:`projections.statistics_report`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Dossier
from domain.dossiers.status import Status
from projections.dossier_states import DOSSIER_TOPICS, DossierStates
from projections.ports import Envelope


class Measure(StrEnum):
    RECEIVED = "received"
    CLOSED = "closed"
    RESOLVED_EARLY = "resolved_early"
    RESOLVED_ON_TIME = "resolved_on_time"
    RESOLVED_LATE = "resolved_late"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"
    LATE_NOTICE = "late_notice"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    RATED_SATISFIED = "rated_satisfied"
    RATED_ACCEPTABLE = "rated_acceptable"
    RATED_DISSATISFIED = "rated_dissatisfied"
    IN_PROCESSING = "in_processing"
    AWAITING_SUPPLEMENT = "awaiting_supplement"
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    FEES_COLLECTED = "fees_collected"
    """VND: each payment adds its amount."""


@dataclass(frozen=True, order=True)
class CounterKey:
    unit: str
    measure: Measure
    day: int
    """A date's ordinal."""
    procedure: str


@dataclass(frozen=True)
class MeasureSums:
    """One measure of one procedure over the queried units, summed over days."""

    procedure: str
    measure: str
    before: int
    """Days before the period."""
    within: int
    """Days in the period."""
    before_today: int
    """Days before today: for stock, the overdue part."""
    total: int


class StatisticsView(Protocol):
    async def add(self, changes: Mapping[CounterKey, int]) -> None:
        """Add each (possibly negative) amount to its counter."""
        ...


class StatisticsReader(Protocol):
    async def sums(
        self,
        units: Collection[str],
        procedure: str | None,
        *,
        first_day: int,
        last_day: int,
        today: int,
    ) -> list[MeasureSums]: ...


def local_day(moment: datetime) -> int:
    return moment.astimezone(VIETNAM_TZ).date().toordinal()


def _timeliness(dossier: Dossier) -> Measure:
    if dossier.is_late:
        return Measure.RESOLVED_LATE
    assert dossier.decided_at is not None and dossier.due_date is not None
    if local_day(dossier.decided_at) < dossier.due_date.toordinal():
        return Measure.RESOLVED_EARLY
    return Measure.RESOLVED_ON_TIME


def flows(before: Dossier | None, after: Dossier, event: object) -> list[Measure]:
    """What one event adds to the day it happened on."""
    received = before is not None and before.received_at is not None
    if isinstance(event, Dossier.Received):
        return [Measure.RECEIVED]
    if isinstance(event, Dossier.Approved):
        return [Measure.CLOSED, _timeliness(after)]
    if isinstance(event, Dossier.Refused):
        return [Measure.CLOSED, Measure.REFUSED]
    if isinstance(event, Dossier.Stopped):
        return [Measure.CLOSED, Measure.STOPPED]
    if isinstance(event, Dossier.Apologized) and event.late_notice:
        return [Measure.LATE_NOTICE]
    if isinstance(event, Dossier.Withdrawn) and received:
        return [Measure.CLOSED, Measure.WITHDRAWN]
    if isinstance(event, Dossier.SupplementRequested) and received:
        return [Measure.SUPPLEMENT_REQUESTED]
    if isinstance(event, Dossier.Rated):
        return [Measure(f"rated_{after.rating}")]
    if isinstance(event, Dossier.Paid):
        return [Measure.PAID]
    return []


_STOCK = frozenset({Status.IN_PROCESSING, Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT})


def stock(dossier: Dossier | None) -> CounterKey | None:
    """Where a received, unresolved dossier counts in the stock; None when it does not."""
    if dossier is None or dossier.received_at is None:
        return None
    if dossier.status not in _STOCK:
        return None
    assert dossier.due_date is not None
    overdue_after = 0 if dossier.apologized else dossier.due_date.toordinal()
    measure = Measure(dossier.status.value)
    return CounterKey(dossier.receiving_unit, measure, overdue_after, dossier.procedure_code)


def counter_changes(before: Dossier | None, after: Dossier, event: Any) -> Counter[CounterKey]:
    changes: Counter[CounterKey] = Counter()
    day = local_day(event.timestamp)
    for measure in flows(before, after, event):
        changes[CounterKey(after.receiving_unit, measure, day, after.procedure_code)] += 1
    if isinstance(event, Dossier.Paid):
        key = CounterKey(after.receiving_unit, Measure.FEES_COLLECTED, day, after.procedure_code)
        changes[key] += event.amount_vnd
    if (old := stock(before)) is not None:
        changes[old] -= 1
    if (new := stock(after)) is not None:
        changes[new] += 1
    return Counter({key: amount for key, amount in changes.items() if amount})


class StatisticsProjection:
    name = "statistics"
    version = 3
    """2: stopped dossiers and late apology notices are counted; 3: fees."""
    topics: frozenset[str] | None = DOSSIER_TOPICS

    def __init__(self, states: DossierStates) -> None:
        self.states = states

    async def handle(self, envelope: Envelope, view: StatisticsView) -> None:
        change = await self.states.change(envelope)
        changes = counter_changes(change.before, change.after, change.event)
        if changes:
            await view.add(changes)
