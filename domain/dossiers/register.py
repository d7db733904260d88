"""The receipt register (sổ theo dõi hồ sơ): numbers the dossiers a unit files each day.

One stream per unit and day. Numbering through the event store's optimistic
concurrency makes codes unique even when two clerks file at the same instant:
the loser of the race re-reads the register and takes the next number.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, Snapshot, event
from eventsourcing.utils import get_topic

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:motcua:receipt-register")


class ReceiptRegister(Aggregate):
    class Opened(Aggregate.Created):
        unit: str
        day: date

    class Entered(Aggregate.Event):
        number: int

    @staticmethod
    def id_for(unit: str, day: date) -> UUID:
        return uuid5(_NAMESPACE, f"{unit}/{day.isoformat()}")

    @classmethod
    def open(cls, unit: str, day: date, at: datetime) -> ReceiptRegister:
        return cls(id=cls.id_for(unit, day), unit=unit, day=day, timestamp=at)

    @classmethod
    def at_version(cls, unit: str, day: date, version: int, at: datetime) -> ReceiptRegister:
        """The register as its stream's version implies, without replaying the stream.

        Its whole state is how many dossiers it has entered, and every event after the
        opening enters one; a busy desk's register grows all day, so filing reads its
        version rather than its events.
        """
        snapshot = Snapshot(
            originator_id=cls.id_for(unit, day),
            originator_version=version,
            timestamp=at,
            topic=get_topic(cls),
            state={
                "_created_on": at,
                "_modified_on": at,
                "unit": unit,
                "day": day,
                "entries": version - 1,
            },
        )
        register = snapshot.mutate(None)
        assert isinstance(register, cls)
        return register

    @event(Opened)
    def __init__(self, id: UUID, unit: str, day: date, timestamp: datetime) -> None:
        self.unit = unit
        self.day = day
        self.entries = 0

    @staticmethod
    def code_of(unit: str, day: date, number: int) -> str:
        """The code of a register's entry: unit – yymmdd – daily number."""
        return f"{unit}-{day:%y%m%d}-{number:04d}"

    @staticmethod
    def version_after_entry(version: int) -> int:
        """The register's version once a dossier is entered at ``version`` (the first
        entry of the day opens the register too)."""
        return version + 1 if version else 2

    def enter(self, at: datetime) -> str:
        """Enter the next dossier; return its code."""
        self._entered(number=self.entries + 1, timestamp=at)
        return self.code_of(self.unit, self.day, self.entries)

    @event(Entered)
    def _entered(self, number: int, timestamp: datetime) -> None:
        self.entries = number
