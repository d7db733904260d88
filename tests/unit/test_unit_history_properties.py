"""Any sequence of reorganisations the registry accepts keeps one tree on every day.

Random plans are drawn from the tree in force on a random day (before or after the latest
recorded change): merges of units of one level, abolitions (a whole level when the children
move up), moves, renames; many are wrong on purpose (a unit used twice, a live code reused,
a parent that ceases). After each plan, on every day around every recorded date:
- every unit in force has a parent in force of a higher level, provinces at the root;
- no two units hold a code on the same day;
- a refused plan changed nothing, and an accepted one left every earlier day as it was;
and replaying the recorded events rebuilds the same history.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count, pairwise

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.units import (
    InvalidPlan,
    Level,
    ReorganisationPlan,
    Unit,
    UnitHistory,
    UnitRegistry,
    UnitTree,
)
from domain.units.plan import Abolish, Change, Establish, Merge, Move, NewUnit, Rename
from tests.units_examples import RECORDED_AT, RECORDER

RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}
START = date(2020, 1, 1)


def snapshot(history: UnitHistory, days: list[date]) -> dict[date, list[Unit]]:
    return {day: sorted(history.tree_on(day), key=lambda u: u.code) for day in days}


def above(tree: UnitTree, level: Level) -> list[Unit]:
    return [unit for unit in tree if RANK[unit.level] < RANK[level]]


class Reorganisations(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.registry = UnitRegistry.open("property", RECORDER, RECORDED_AT)
        self.codes = count(100)
        self.dates = {START}

    def code(self) -> str:
        return f"{next(self.codes):05d}"

    @initialize(shape=st.lists(st.lists(st.integers(0, 3), max_size=3), min_size=1, max_size=3))
    def listed(self, shape: list[list[int]]) -> None:
        units: list[NewUnit] = []
        for districts in shape:
            province = NewUnit(self.code(), "Tỉnh", Level.PROVINCE, None)
            units.append(province)
            for communes in districts:
                district = NewUnit(self.code(), "Huyện", Level.DISTRICT, province.code)
                units.append(district)
                units += [
                    NewUnit(self.code(), "Xã", Level.COMMUNE, district.code)
                    for _ in range(communes)
                ]
        self.registry.reorganise(
            ReorganisationPlan(START, "listing", tuple(Establish(u) for u in units)),
            RECORDER,
            RECORDED_AT,
        )

    @rule(data=st.data(), shift=st.integers(-300, 900))
    def reorganise(self, data: st.DataObject, shift: int) -> None:
        effective = max(self.dates) + timedelta(days=shift)
        tree = self.registry.history.tree_on(effective)
        units = sorted(tree, key=lambda u: u.code)
        if not units:
            return
        changes: list[Change] = []
        for _ in range(data.draw(st.integers(1, 4))):
            changes += data.draw(self.changes(tree, units))
        plan = ReorganisationPlan(effective, f"plan {effective}", tuple(changes))
        days = sorted({d + timedelta(days=k) for d in self.dates | {effective} for k in (-1, 0)})
        before = snapshot(self.registry.history, days)
        pending = len(self.registry.pending_events)
        try:
            self.registry.reorganise(plan, RECORDER, RECORDED_AT)
        except InvalidPlan as refused:
            event("refused: " + refused.problems[0].message.split(" ")[0])
            assert len(self.registry.pending_events) == pending
            assert snapshot(self.registry.history, days) == before
            return
        event(f"accepted: {type(changes[0]).__name__}")
        self.dates.add(effective)
        earlier = [day for day in days if day < effective]
        assert snapshot(self.registry.history, earlier) == {d: before[d] for d in earlier}

    def changes(self, tree: UnitTree, units: list[Unit]) -> st.SearchStrategy[list[Change]]:
        def merge(level: Level, parts: list[Unit], keep: bool, parent: int) -> list[Change]:
            parents = above(tree, level)
            code = parts[0].code if keep else self.code()
            into_parent = parents[parent % len(parents)].code if parents else None
            new = NewUnit(code, "Mới", level, None if level == Level.PROVINCE else into_parent)
            return [Merge(new, tuple(u.code for u in parts))]

        def abolish_with_children(unit: Unit, successor: Unit) -> list[Change]:
            target = unit.parent or successor.code
            children = [u for u in units if u.parent == unit.code]
            return [Abolish(unit.code, target), *(Move(c.code, target) for c in children)]

        def establish(parent: Unit, fresh: bool) -> list[Change]:
            code = self.code() if fresh else parent.code  # not fresh: a live code, reused
            return [Establish(NewUnit(code, "Xã Mới", Level.COMMUNE, parent.code))]

        unit = st.sampled_from(units)
        level = st.sampled_from(sorted({u.level for u in units}, key=RANK.__getitem__))
        return st.one_of(
            level.flatmap(
                lambda lv: st.builds(
                    merge,
                    st.just(lv),
                    st.lists(
                        st.sampled_from([u for u in units if u.level == lv]),
                        min_size=1,
                        max_size=3,
                        unique=True,
                    ),
                    st.booleans(),
                    st.integers(0, 50),
                )
            ),
            st.builds(abolish_with_children, unit, unit),
            st.builds(establish, unit, st.booleans()),
            st.builds(lambda u, s: [Abolish(u.code, s.code)], unit, unit),
            st.builds(lambda u, p: [Move(u.code, p.code)], unit, unit),
            st.builds(lambda u, n: [Rename(u.code, n)], unit, st.sampled_from(["Tân", "Phúc", ""])),
        )

    @invariant()
    def one_tree_on_every_day(self) -> None:
        history = self.registry.history
        for day in sorted({d + timedelta(days=k) for d in self.dates for k in (-1, 0, 1)}):
            tree = history.tree_on(day)  # a missing parent would raise UnknownUnit here
            for unit in tree:
                if unit.level == Level.PROVINCE:
                    assert unit.parent is None
                else:
                    assert unit.parent is not None
                    assert RANK[tree.get(unit.parent).level] < RANK[unit.level]

    @invariant()
    def a_code_names_one_unit_at_a_time(self) -> None:
        history = self.registry.history
        for code in {period.code for period in history}:
            periods = history.periods(code)
            for earlier, later in pairwise(periods):
                assert earlier.valid_until is not None and earlier.valid_until < later.valid_from

    def teardown(self) -> None:
        replayed = None
        for recorded in self.registry.collect_events():
            replayed = recorded.mutate(replayed)
        assert isinstance(replayed, UnitRegistry)
        assert list(replayed.history) == list(self.registry.history)


Reorganisations.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_reorganisations_keep_one_tree = Reorganisations.TestCase
