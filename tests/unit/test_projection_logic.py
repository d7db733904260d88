"""The projections' pure parts: text folding, cursors, the statistics' counters and
sums, who awaits a dossier, the dossier cache, rebuild progress."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from application.encoding import new_mapper
from application.errors import InvalidInput
from application.ports import RecordedEvent
from domain.dossiers.dossier import Dossier
from domain.shared import Role
from interfaces.progress_bar import render
from projections.cursors import decode_cursor, encode_cursor
from projections.dossier_states import DossierStates
from projections.inbox import awaiting_roles
from projections.ports import Envelope
from projections.rebuild import Progress
from projections.search import fold, needle, search_text
from projections.statistics import CounterKey, Measure, MeasureSums, counter_changes
from projections.statistics_report import report_rows
from tests.examples import (
    CALENDAR,
    CITY,
    CLERK,
    COC_LEU,
    LEADER,
    MERIT,
    MONDAY_9AM,
    PROVINCE,
    UNITS,
    received_dossier,
    submitted_dossier,
)

DUE = date(2027, 2, 12).toordinal()  # a MERIT dossier received on Monday 11 January


def test_folding_drops_case_diacritics_and_extra_spaces() -> None:
    assert fold("  Nguyễn   Thị MỸ ") == "nguyen thi my"
    assert fold("ĐẶNG đức") == "dang duc"
    assert needle("50%_off\\") == "50off"
    assert search_text("02644-270111-0001", "Lò Văn Sáng") == "02644-270111-0001\nlo van sang"


def test_a_cursor_holds_its_key_and_nothing_else_passes() -> None:
    assert decode_cursor(encode_cursor(("2027-02-12", 41)), (str, int)) == ("2027-02-12", 41)
    for forged in ("", "%%%", encode_cursor((41,)), encode_cursor(("a", True)), "WzEsMl0"):
        with pytest.raises(InvalidInput):
            decode_cursor(forged, (str, int))


def step(dossier: Dossier, command: Callable[[Dossier], None]) -> tuple[Dossier, Dossier, Any]:
    """The dossier before and after a command, and the event it recorded."""
    before = copy.copy(dossier)
    command(dossier)
    return before, dossier, dossier.collect_events()[-1]


def test_receipt_adds_a_received_flow_and_the_stock_it_joins() -> None:
    received = step(submitted_dossier(MERIT), lambda d: d.receive(CLERK, MONDAY_9AM, CALENDAR))
    assert counter_changes(*received) == {
        CounterKey(COC_LEU, Measure.RECEIVED, date(2027, 1, 11).toordinal(), MERIT): 1,
        CounterKey(COC_LEU, Measure.IN_PROCESSING, DUE, MERIT): 1,
    }


def test_an_approval_past_the_due_date_is_late_and_leaves_the_stock() -> None:
    dossier = received_dossier(MERIT)
    dossier.transfer(CITY, None, UNITS, CLERK, _at(1))
    dossier.transfer(PROVINCE, None, UNITS, CLERK, _at(1))
    approved = step(dossier, lambda d: d.approve({}, None, LEADER, _at(40)))  # 20 February
    day = _at(40).date().toordinal()
    assert counter_changes(*approved) == {
        CounterKey(COC_LEU, Measure.CLOSED, day, MERIT): 1,
        CounterKey(COC_LEU, Measure.RESOLVED_LATE, day, MERIT): 1,
        CounterKey(COC_LEU, Measure.IN_PROCESSING, DUE, MERIT): -1,
    }


def test_an_apology_makes_the_stock_overdue_at_once() -> None:
    new_date = date(2027, 3, 1)
    apology = step(
        received_dossier(MERIT), lambda d: d.apologize("", new_date, LEADER, _at(2), CALENDAR)
    )
    assert counter_changes(*apology) == {
        CounterKey(COC_LEU, Measure.IN_PROCESSING, DUE, MERIT): -1,
        CounterKey(COC_LEU, Measure.IN_PROCESSING, 0, MERIT): 1,
    }


def test_an_apology_on_the_due_date_counts_as_a_late_notice() -> None:
    # Due Friday 12 February: the apology had to leave by Thursday the 11th.
    on_the_day = datetime(2027, 2, 12, 3, tzinfo=UTC)  # 10:00 in Hà Nội
    apology = step(
        received_dossier(MERIT),
        lambda d: d.apologize("", date(2027, 3, 1), LEADER, on_the_day, CALENDAR),
    )
    changes = counter_changes(*apology)
    assert changes[CounterKey(COC_LEU, Measure.LATE_NOTICE, date(2027, 2, 12).toordinal(), MERIT)]


def test_stopping_closes_the_dossier_and_leaves_the_stock() -> None:
    stopped = step(received_dossier(MERIT), lambda d: d.stop_processing("", LEADER, _at(3)))
    day = _at(3).date().toordinal()
    assert counter_changes(*stopped) == {
        CounterKey(COC_LEU, Measure.CLOSED, day, MERIT): 1,
        CounterKey(COC_LEU, Measure.STOPPED, day, MERIT): 1,
        CounterKey(COC_LEU, Measure.IN_PROCESSING, DUE, MERIT): -1,
    }


def test_a_report_derives_carried_over_stock_and_rate_from_the_sums() -> None:
    def sums(measure: Measure, before: int, within: int, before_today: int = 0) -> MeasureSums:
        return MeasureSums(MERIT, measure.value, before, within, before_today, before + within)

    [row] = report_rows(
        CITY,
        [
            sums(Measure.RECEIVED, 5, 3),
            sums(Measure.CLOSED, 2, 4),
            sums(Measure.RESOLVED_EARLY, 1, 1),
            sums(Measure.RESOLVED_ON_TIME, 0, 2),
            sums(Measure.RESOLVED_LATE, 1, 1),
            MeasureSums(MERIT, "in_processing", 0, 0, 1, 3),
        ],
    )
    assert (row.received, row.received_new, row.received_carried_over) == (6, 3, 3)
    assert (row.in_processing_overdue, row.in_processing_on_time) == (1, 2)
    assert row.on_time_rate == 0.75
    assert report_rows(CITY, [sums(Measure.RECEIVED, 0, 0)]) == []


def test_who_awaits_a_dossier_follows_its_step() -> None:
    dossier = received_dossier(MERIT)
    assert awaiting_roles(dossier) == (Role.CLERK, Role.SPECIALIST)
    dossier.transfer(CITY, None, UNITS, CLERK, _at(1))
    assert awaiting_roles(dossier) == (Role.SPECIALIST,)
    dossier.transfer(PROVINCE, None, UNITS, CLERK, _at(1))
    assert awaiting_roles(dossier) == (Role.SPECIALIST, Role.LEADER)
    dossier.approve({}, None, LEADER, _at(2))
    assert awaiting_roles(dossier) == (Role.CLERK,) and awaiting_roles(None) == ()


async def test_the_dossier_cache_reads_history_once_and_repeats_a_retried_change() -> None:
    dossier = received_dossier(MERIT)
    dossier.transfer(CITY, None, UNITS, CLERK, _at(1))
    envelopes = _envelopes(dossier)
    reads: list[object] = []

    async def history(stream_id: object) -> list[Envelope]:
        reads.append(stream_id)
        return envelopes

    states = DossierStates(history, capacity=1)
    change = await states.change(envelopes[2])  # a miss: the first two are read back
    assert change.filed == 101 and change.before is not None
    assert change.before.current_unit == COC_LEU and change.after.current_unit == CITY
    assert await states.change(envelopes[2]) is change and len(reads) == 1


def test_progress_reports_rate_and_time_left() -> None:
    progress = Progress("inbox", done=500, total=2000, seconds=2.0)
    assert (progress.rate, progress.eta_seconds) == (250.0, 6.0)
    assert "25.0% 500/2000 events  250 ev/s  ETA 6s" in render(progress)
    assert render(Progress("inbox", 2000, 2000, 4.0, finished=True)).endswith("done")


def _at(days: int) -> datetime:
    return datetime(2027, 1, 11, 3, tzinfo=UTC) + timedelta(days=days)


def _envelopes(dossier: Dossier) -> list[Envelope]:
    """The dossier's pending events as stored and read back at positions 101, 102, ..."""
    mapper, stream_id = new_mapper(), uuid4()
    envelopes = []
    for offset, event in enumerate(dossier.collect_events()):
        stored = mapper.to_stored_event(event)
        recorded = RecordedEvent(
            101 + offset, stream_id, "Dossier", stored.originator_version, uuid4(),
            stored.topic, stored.state, {}, _at(0), bytes(32),
        )  # fmt: skip
        envelopes.append(Envelope(recorded, mapper.to_domain_event(stored)))
    return envelopes
