"""The journey diagram: read from a dossier's history, drawn as SVG, no browser needed."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from application.context import Context
from application.dossiers import commands as c
from application.plain import plain
from domain.dossiers.dossier import Document
from domain.dossiers.status import Channel
from domain.shared import Role
from domain.units import Level, UnitTree
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from interfaces.bootstrap import bootstrap
from interfaces.web.i18n import Translator
from interfaces.web.journey import Appointment, journey
from interfaces.web.journey_layout import Layout
from interfaces.web.journey_svg import journey_svg
from interfaces.web.svg import text
from tests.examples import (
    APP_CALENDAR,
    APP_MONDAY_9AM,
    APPLICANT,
    CITY,
    COC_LEU,
    MERIT,
    MONDAY_9AM,
    PROVINCE,
    UNITS,
    officer,
    units_on,
)

VI, EN = Translator("vi"), Translator("en")
MERIT_ROUTE = [
    {"level": "commune", "action": "receive"},
    {"level": "district", "action": "process"},
    {"level": "province", "action": "decide"},
    {"level": "commune", "action": "return"},
]


class History:
    """Events as ``Dossiers.history`` lists them, one day apart unless told."""

    def __init__(self, route: list[dict[str, str]] = MERIT_ROUTE) -> None:
        self.day = MONDAY_9AM
        self.events: list[dict[str, Any]] = []
        self.add("Submitted", Role.CLERK, COC_LEU, receiving_unit=COC_LEU, route=route)

    def add(self, kind: str, role: Role, unit: str, days: int = 0, **data: Any) -> History:
        self.day += timedelta(days=days)
        actor = {"sub": f"{role}-{unit}", "role": role.value, "unit": unit}
        self.events.append({"type": kind, "at": self.day.isoformat(), "actor": actor, "data": data})
        return self


def readme_walk_through() -> History:
    """The README's dossier: commune → district → province decides → back to the commune."""
    return (
        History()
        .add("Received", Role.CLERK, COC_LEU, due_date="2027-02-08")
        .add("Transferred", Role.CLERK, COC_LEU, 1, to_unit=CITY, stop=1, note=None)
        .add("Transferred", Role.SPECIALIST, CITY, 2, to_unit=PROVINCE, stop=2, note=None)
        .add("Approved", Role.LEADER, PROVINCE, 3, result={}, note=None)
        .add("ResultReturned", Role.CLERK, COC_LEU, 1, channel="desk")
    )


def count(svg: str, css_class: str) -> int:
    return len(re.findall(rf'<g class="{css_class}"', svg))


def test_each_hand_off_between_levels_is_one_arrow_with_its_date() -> None:
    trip = journey(readme_walk_through().events, units_on, with_roles=False)
    assert trip.lanes == (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE)
    assert [(h.source, h.target) for h in trip.handoffs] == [
        (Level.COMMUNE, Level.DISTRICT),
        (Level.DISTRICT, Level.PROVINCE),
        (Level.PROVINCE, Level.COMMUNE),  # the decision goes back to the receiving desk
    ]
    svg = str(journey_svg(trip, VI))
    assert count(svg, "handoff") == 3 and count(svg, "lane") == 3
    assert svg.count('marker-end="url(#journey-arrow)"') == 3
    # 12, 14 and 17 January, on the arrows.
    assert all(f">{day}/01</text>" in svg for day in ("12", "14", "17"))


def test_the_lanes_are_the_levels_of_the_route_even_before_the_dossier_gets_there() -> None:
    waiting = History().add("Received", Role.CLERK, COC_LEU, due_date="2027-02-08")
    trip = journey(waiting.events, units_on, with_roles=False)
    assert trip.lanes == (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE)
    assert trip.lane_names[Level.PROVINCE] == "Tỉnh Lào Cai"
    assert trip.handoffs == ()
    svg = str(journey_svg(trip, VI))
    assert count(svg, "handoff") == 0 and "Tỉnh Lào Cai" in svg


def test_a_commune_only_procedure_has_one_lane() -> None:
    birth = History(route=[{"level": "commune", "action": "receive"}])
    trip = journey(
        birth.add("Approved", Role.LEADER, COC_LEU, result={}).events, units_on, with_roles=False
    )
    assert trip.lanes == (Level.COMMUNE,) and trip.handoffs == ()


def test_a_wait_for_documents_is_shaded_from_the_request_to_the_supplement() -> None:
    history = (
        History()
        .add("Received", Role.CLERK, COC_LEU, due_date="2027-02-08")
        .add("Transferred", Role.CLERK, COC_LEU, 1, to_unit=CITY, stop=1, note=None)
        .add("SupplementRequested", Role.SPECIALIST, CITY, 1, reason="r", documents=["x"])
    )
    still_waiting = journey(history.events, units_on, with_roles=False)
    [pause] = still_waiting.pauses
    assert (pause.start, pause.end, pause.level) == (3, None, Level.DISTRICT)

    history.add("Supplemented", Role.CLERK, COC_LEU, 4, documents=[], due_date="2027-02-12")
    done = journey(history.events, units_on, with_roles=False)
    assert [(p.start, p.end) for p in done.pauses] == [(3, 4)]
    svg = str(journey_svg(done, VI))
    assert count(svg, "pause") == 1 and "Chờ bổ sung" in svg
    # The supplement moved the appointment: one due date, the moved one.
    assert done.appointments == (Appointment(date(2027, 2, 12), renewed=False),)


def test_a_stop_ends_the_wait_and_the_journey_where_it_was_stopped() -> None:
    history = (
        History()
        .add("Received", Role.CLERK, COC_LEU, due_date="2027-02-08")
        .add("Transferred", Role.CLERK, COC_LEU, 1, to_unit=CITY, stop=1, note=None)
        .add("SupplementRequested", Role.SPECIALIST, CITY, 1, reason="r", documents=["x"])
        .add("Stopped", Role.LEADER, CITY, 3, reason="r")
    )
    stopped = journey(history.events, units_on, with_roles=False)
    assert [(p.start, p.end) for p in stopped.pauses] == [(3, 4)]
    assert stopped.steps[-1].level == Level.DISTRICT and len(stopped.handoffs) == 1
    svg = str(journey_svg(stopped, VI))
    # In words, never the raw event name.
    assert "Dừng giải quyết hồ sơ" in svg and ">Stopped<" not in svg
    assert "Processing stopped" in str(journey_svg(stopped, EN))


def test_an_apology_marks_the_new_appointment_beside_the_first() -> None:
    history = (
        History()
        .add("Received", Role.CLERK, COC_LEU, due_date="2027-02-08")
        .add("Apologized", Role.LEADER, COC_LEU, 1, reason="r", new_due_date="2027-03-01")
    )
    trip = journey(history.events, units_on, with_roles=False)
    assert trip.appointments == (
        Appointment(date(2027, 2, 8), renewed=False),
        Appointment(date(2027, 3, 1), renewed=True),
    )
    svg = str(journey_svg(trip, VI))
    assert "Hẹn trả 08/02/2027" in svg and "Hẹn lại 01/03/2027" in svg
    assert count(svg, "appointment") == 1 and count(svg, "appointment renewed") == 1
    assert "New date 01/03/2027" in str(journey_svg(trip, EN))  # dd/mm/yyyy in English too


def test_an_appointment_stands_after_the_steps_of_its_day_and_before_later_ones() -> None:
    history = (
        History()
        .add("Received", Role.CLERK, COC_LEU, due_date="2027-01-12")
        .add("Transferred", Role.CLERK, COC_LEU, 1, to_unit=CITY, stop=1, note=None)
        .add("Transferred", Role.SPECIALIST, CITY, 1, to_unit=PROVINCE, stop=2, note=None)
    )
    layout = Layout.of(journey(history.events, units_on, with_roles=False), 80)
    # Steps on 11, 11, 12 and 13 January; the due date, 12 January, comes fourth.
    assert layout.step_column == (0, 1, 2, 4)
    assert layout.appointment_column == (3,)


def test_the_citizen_sees_no_officer_and_the_auditor_sees_their_roles() -> None:
    events = readme_walk_through().events
    public = str(journey_svg(journey(events, units_on, with_roles=False), VI))
    staff = str(journey_svg(journey(events, units_on, with_roles=True), VI))
    roles = ("Cán bộ một cửa", "Chuyên viên", "Lãnh đạo")
    assert not any(role in public for role in roles)
    assert all(role in staff for role in roles)
    # Officers' identities are on neither: the event log, not the diagram, names them.
    assert not any(f"-{unit}" in svg for svg in (public, staff) for unit in (COC_LEU, CITY))


def test_the_diagram_is_one_accessible_image() -> None:
    svg = str(journey_svg(journey(readme_walk_through().events, units_on, with_roles=False), VI))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="journey-title journey-desc"' in svg
    assert "Hồ sơ qua 3 cấp, 3 lần chuyển giữa các cấp." in svg
    assert "style=" not in svg  # the pages' CSP allows no inline style


def test_text_and_attributes_are_escaped() -> None:
    written = text(0, 0, "<script>&", fill='"x')
    assert "<script>" not in written and "&lt;script&gt;&amp;" in written
    assert 'fill="&#34;x"' in written


async def test_the_journey_reads_the_history_the_use_case_answers() -> None:
    app = await bootstrap(
        store=InMemoryEventStore(), clock=FixedClock(APP_MONDAY_9AM), calendar=APP_CALENDAR
    )

    def as_(role: Role, unit: str) -> Context:
        return Context(actor=officer(role, unit))

    receipt = plain(
        await app.dossiers.receive_at_desk(
            as_(Role.CLERK, COC_LEU),
            c.FileDossier(MERIT, APPLICANT, (Document("Bản khai"),), Channel.DESK),
        )
    )
    dossier_id = UUID(str(receipt["id"]))
    await app.dossiers.transfer(as_(Role.CLERK, COC_LEU), dossier_id, c.Transfer(CITY))
    await app.dossiers.transfer(as_(Role.SPECIALIST, CITY), dossier_id, c.Transfer(PROVINCE))
    await app.dossiers.approve(as_(Role.LEADER, PROVINCE), dossier_id, c.Approve({"so": "1"}))
    history = plain(await app.dossiers.history(officer(Role.AUDITOR, PROVINCE), dossier_id))
    trip = journey(history["events"], app.unit_registry.tree_on, with_roles=True)
    assert [h.role for h in trip.handoffs] == ["clerk", "specialist", "leader"]
    assert [a.on for a in trip.appointments] == [date.fromisoformat(str(receipt["due_date"]))]
    await app.close()


def test_a_dossier_handed_over_from_a_ceased_district_keeps_the_district_lane() -> None:
    # At the city (district) on the eve of the 2025 switch; the new commune takes it over,
    # decides and returns it (its route was the three-tier one it was received under).
    handed = {"from_unit": CITY, "to_unit": "02647", "from_desk": COC_LEU, "to_desk": "02647"}
    history = (
        History()
        .add("Received", Role.CLERK, COC_LEU, due_date="2027-02-08")
        .add("Transferred", Role.CLERK, COC_LEU, 1, to_unit=CITY, stop=1, note=None)
        .add("HandedOver", Role.ADMIN, "02647", 1, **handed)
        .add("Approved", Role.LEADER, "02647", 1, result={}, note=None)
    )
    trip = journey(history.events, units_on, with_roles=False)
    assert Level.DISTRICT in trip.lanes
    assert [(h.source, h.target) for h in trip.handoffs] == [
        (Level.COMMUNE, Level.DISTRICT),
        (Level.DISTRICT, Level.COMMUNE),  # the hand-over, from the district's lane
    ]
    assert trip.steps[-1].unit_name == "Phường Kim Tân"  # decided where it was handed


def test_a_unit_that_ceased_since_is_named_and_drawn_as_it_was() -> None:
    """The city ceased two days after the dossier reached it: its step, its hand-off and
    its lane still read as they did (the tree of each event's day)."""
    gone = UNITS.subtree(CITY)
    after = UnitTree(unit for unit in UNITS if unit.code not in gone)
    ceased = MONDAY_9AM + timedelta(days=2)

    def units_then(day: date) -> UnitTree:
        return UNITS if day < ceased.date() else after

    trip = journey(readme_walk_through().events, units_then, with_roles=False)
    city = UNITS.get(CITY).name
    assert [h.source_name for h in trip.handoffs][1] == city
    assert trip.lanes == (Level.COMMUNE, Level.DISTRICT, Level.PROVINCE)
    assert trip.lane_names[Level.DISTRICT] == city
