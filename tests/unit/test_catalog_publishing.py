"""Publishing a procedure version: the rules of a route and its date (properties over any
route), the catalog of a day from the versions published, and the reference file recorded
once (API.md "The whole dossier": 422 naming the field; dossiers keep their version)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.catalog import Action, Catalog, ResultKind, Step
from domain.publishing import CatalogRegistry, Draft, InvalidVersion
from domain.shared import Actor, Role
from domain.units import Level
from infrastructure.catalog_history import record_reference_catalog
from tests.examples import CATALOG, MERIT, PROVINCE

AT = datetime(2021, 1, 11, 2, tzinfo=UTC)
TODAY = date(2021, 1, 11)
ADMIN = Actor(sub="admin", role=Role.ADMIN, unit=PROVINCE)
THREE_TIERS = frozenset(Level)
TWO_TIERS = frozenset({Level.PROVINCE, Level.COMMUNE})

steps = st.builds(Step, st.sampled_from(Level), st.sampled_from(Action))
routes = st.lists(steps, min_size=0, max_size=6).map(tuple)
days = st.dates(TODAY - timedelta(days=30), TODAY + timedelta(days=3000))
levels = st.sampled_from([THREE_TIERS, TWO_TIERS])


def draft(route: tuple[Step, ...], effective: date = TODAY, **more: object) -> Draft:
    fields: dict[str, object] = {
        "code": MERIT,
        "name": "Trợ cấp ưu đãi người có công",
        "field": "Người có công",
        "time_limit_days": 12,
        "required_documents": ("Bản khai",),
        "result_kind": ResultKind.DECISION,
        "steps": route,
        "effective": effective,
        "legal_basis": "Quyết định công bố",
        **more,
    }
    return Draft(**fields)  # type: ignore[arg-type]


def refused_fields(registry: CatalogRegistry, bad: Draft, held: frozenset[Level]) -> set[str]:
    """The fields a refusal names, after checking that nothing was recorded."""
    pending = len(registry.pending_events)
    with pytest.raises(InvalidVersion) as refused:
        registry.publish(bad, held, TODAY, ADMIN, AT)
    assert len(registry.pending_events) == pending
    return {problem.field for problem in refused.value.problems}


def reference() -> CatalogRegistry:
    return record_reference_catalog(None, AT, CATALOG)


@given(route=routes, effective=days, held=levels)
def test_a_version_is_published_exactly_when_its_route_and_date_pass(
    route: tuple[Step, ...], effective: date, held: frozenset[Level]
) -> None:
    expected = set()
    if effective < TODAY:
        expected.add("effective")
    if not route or not any(step.action == Action.DECIDE for step in route):
        expected.add("steps")
    if route and route[0].action != Action.RECEIVE:
        expected.add("steps[0].action")
    expected |= {f"steps[{i}].level" for i, step in enumerate(route) if step.level not in held}
    registry = reference()
    if expected:
        assert refused_fields(registry, draft(route, effective), held) == expected
        return
    published = registry.publish(draft(route, effective), held, TODAY, ADMIN, AT)
    assert published.version == 3 and published.receiving_level == route[0].level
    assert registry.catalog.in_force(MERIT, effective) == published


@given(starts=st.lists(days.filter(lambda d: d >= TODAY), min_size=1, max_size=5), day=days)
def test_the_version_of_a_day_is_the_one_that_came_into_force_last(
    starts: list[date], day: date
) -> None:
    # Versions published in any order of dates: a day gets the one with the latest start
    # on or before it (of two starting the same day, the later published), else the first.
    registry = reference()
    route = (Step(Level.COMMUNE, Action.RECEIVE), Step(Level.COMMUNE, Action.DECIDE))
    for start in starts:
        registry.publish(draft(route, start), THREE_TIERS, TODAY, ADMIN, AT)
    numbered = list(enumerate(starts, start=3))
    started = [(start, number) for number, start in numbered if start <= day]
    reform = date(2025, 7, 1)
    if day >= reform:
        started.append((reform, 2))
    expected = max(started)[1] if started else 1
    assert registry.catalog.in_force(MERIT, day).version == expected


def test_a_receiving_level_other_than_the_first_steps_is_named() -> None:
    route = (Step(Level.COMMUNE, Action.RECEIVE), Step(Level.PROVINCE, Action.DECIDE))
    bad = draft(route, receiving_level=Level.DISTRICT, time_limit_days=-1)
    assert refused_fields(reference(), bad, THREE_TIERS) == {"receiving_level", "time_limit_days"}


def test_a_new_code_starts_at_version_one_and_carries_its_fee() -> None:
    route = (Step(Level.PROVINCE, Action.RECEIVE), Step(Level.PROVINCE, Action.DECIDE))
    registry = reference()
    new = registry.publish(draft(route, code="LC.NEW", fee_vnd=30_000), TWO_TIERS, TODAY, ADMIN, AT)
    assert (new.version, new.fee_vnd, new.in_force_from) == (1, 30_000, TODAY)
    assert registry.catalog.current("LC.NEW") == new


def test_the_reference_file_is_recorded_once_and_replays_to_the_same_catalog() -> None:
    first = reference()
    events = first.collect_events()
    assert len(events) == 1 + sum(1 for _ in CATALOG.every_version())
    replayed: CatalogRegistry | None = None
    for recorded in events:
        replayed = recorded.mutate(replayed)
    assert replayed is not None
    assert list(replayed.catalog.every_version()) == list(CATALOG.every_version())
    assert record_reference_catalog(replayed, AT, CATALOG).collect_events() == []
    # A file with a version the registry lacks adds that one only.
    route = (Step(Level.COMMUNE, Action.RECEIVE), Step(Level.COMMUNE, Action.DECIDE))
    newer = Catalog(CATALOG.every_version())
    newer.add(draft(route).version(3))
    added = record_reference_catalog(replayed, AT, newer).collect_events()
    assert [(e.code, e.version) for e in added] == [(MERIT, 3)]  # type: ignore[attr-defined]
