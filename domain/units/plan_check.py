"""Judges a reorganisation plan whole against the history, before anything is recorded.

Every problem names the change and field at fault (``changes[2].from[0]``) so that the
HTTP layer can answer 422 naming it. The tree the plan leaves on its effective day must be
one tree again: each unit under a live parent of a higher level, provinces at the root,
each code held by one unit. A plan may not change what the history already holds after
its date: every unit it names must have no change recorded later than its effective day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.units.errors import PlanProblem
from domain.units.history import UnitHistory
from domain.units.plan import Abolish, Establish, Merge, Move, NewUnit, Rename, ReorganisationPlan
from domain.units.tree import Level, UnitTree

RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}
# A unit is used once per role; a unit that ceases cannot also be renamed or moved.
CLASHES = {
    "cease": ("cease", "rename", "move"),
    "rename": ("cease", "rename"),
    "move": ("cease", "move"),
}


@dataclass
class _Check:
    history: UnitHistory
    effective: date
    before: UnitTree
    problems: list[PlanProblem] = field(default_factory=list)
    changed: dict[tuple[str, str], str] = field(default_factory=dict)  # code, role → field
    ceased: dict[str, str] = field(default_factory=dict)
    new: dict[str, tuple[NewUnit, str]] = field(default_factory=dict)
    moved: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → (parent, field)
    successors: list[tuple[str, str]] = field(default_factory=list)  # (code, field)

    def refuse(self, at: str, message: str) -> None:
        self.problems.append(PlanProblem(at, message))

    def absent(self, code: str) -> str:
        """Why no unit of ``code`` is in force on the plan's day (or after the plan)."""
        if code in self.ceased:
            return f"unit {code} ceases in this plan ({self.ceased[code]})"
        periods = self.history.periods(code)
        if not periods:
            return f"no unit has the code {code}"
        last = periods[-1]
        if last.valid_until is not None and last.valid_until < self.effective:
            return f"unit {code} ({last.name}) ceased on {last.valid_until + timedelta(days=1)}"
        return f"no unit {code} is in force on {self.effective}"

    def not_later(self, code: str, at: str) -> None:
        touched = self.history.touched(code)
        if touched is not None and touched > self.effective:
            self.refuse(at, f"unit {code} has a change recorded on {touched}, after this plan")

    def subject(self, code: str, at: str, role: str) -> bool:
        """A unit the plan changes: in force on the day, and used once only."""
        clash = next(
            (self.changed[code, r] for r in CLASHES[role] if (code, r) in self.changed), None
        )
        if clash is not None:
            self.refuse(at, f"unit {code} is changed twice (also by {clash})")
            return False
        self.changed[code, role] = at
        if code not in self.before:
            self.refuse(at, self.absent(code))
            return False
        self.not_later(code, at)
        period = self.history.period_on(code, self.effective)
        if period is not None and period.valid_from == self.effective:
            self.refuse(at, f"unit {code} only comes into force on {self.effective}")
        return True

    def new_unit(self, unit: NewUnit, at: str) -> None:
        if unit.code in self.new:
            self.refuse(
                f"{at}.code", f"code {unit.code} is given twice (also {self.new[unit.code][1]})"
            )
            return
        self.new[unit.code] = (unit, at)
        if not unit.name.strip():
            self.refuse(f"{at}.name", "a unit needs a name")
        self.not_later(unit.code, f"{at}.code")

    def change(self, index: int, change: Establish | Merge | Abolish | Rename | Move) -> None:
        at = f"changes[{index}]"
        match change:
            case Establish(unit=unit):
                self.new_unit(unit, f"{at}.unit")
            case Merge(into=into, sources=sources):
                if not sources:
                    self.refuse(f"{at}.from", "a merge names the units it is formed from")
                for j, code in enumerate(sources):
                    self.cease(code, f"{at}.from[{j}]", into.level)
                self.new_unit(into, f"{at}.into")
            case Abolish(unit=code, successor=successor):
                self.cease(code, f"{at}.unit", None)
                self.successors.append((successor, f"{at}.successor"))
                if successor == code:
                    self.refuse(f"{at}.successor", "a unit cannot succeed itself")
            case Rename(unit=code, name=name):
                if (
                    self.subject(code, f"{at}.unit", "rename")
                    and name == self.before.get(code).name
                ):
                    self.refuse(f"{at}.name", f"unit {code} already has the name {name!r}")
                if not name.strip():
                    self.refuse(f"{at}.name", "a unit needs a name")
            case Move(unit=code, parent=parent):
                if self.subject(code, f"{at}.unit", "move"):
                    self.moved[code] = (parent, f"{at}.parent")
                    if parent == self.before.get(code).parent:
                        self.refuse(f"{at}.parent", f"unit {code} is under {parent} already")

    def cease(self, code: str, at: str, level: Level | None) -> None:
        if not self.subject(code, at, "cease"):
            return
        self.ceased[code] = at
        if level is not None and self.before.get(code).level != level:
            self.refuse(at, f"unit {code} is a {self.before.get(code).level}, not a {level}")

    def after(self) -> None:
        """The tree the plan leaves on its day: one code per unit, every unit under a live
        parent of a higher level. A unit whose parent ceases blames the ceasing change."""
        units: dict[str, tuple[Level, str | None, str | None]] = {}  # → level, parent, blame
        for unit in self.before:
            if unit.code not in self.ceased:
                parent, at = self.moved.get(unit.code, (unit.parent, None))
                units[unit.code] = (unit.level, parent, at)
        for code, (new, at) in self.new.items():
            if code in units:
                self.refuse(
                    f"{at}.code",
                    f"code {code} is held on {self.effective} by {self.before.get(code).name}, "
                    "which this plan keeps; only the code of a unit that ceases may be reused",
                )
            else:
                units[code] = (new.level, new.parent, f"{at}.parent")
        for code, at in self.successors:
            if code not in units:
                self.refuse(at, self.absent(code))
        orphans: dict[str, list[str]] = {}
        for code, (level, parent, at) in units.items():
            problem = self.parent_problem(level, parent, units)
            if problem is not None and at is not None:
                self.refuse(at, problem)
            elif problem is not None and parent in self.ceased:
                orphans.setdefault(parent, []).append(code)
            elif at is not None and parent is not None:
                self.not_later(parent, at)
        for parent, children in orphans.items():
            self.refuse(
                self.ceased[parent],
                f"leaves {len(children)} unit(s) without a parent ({', '.join(children[:5])}"
                f"{', …' if len(children) > 5 else ''}): merge, abolish or move them too",
            )

    def parent_problem(
        self,
        level: Level,
        parent: str | None,
        units: dict[str, tuple[Level, str | None, str | None]],
    ) -> str | None:
        if level == Level.PROVINCE:
            return None if parent is None else "a province is at the root: it has no parent"
        if parent is None:
            return f"a {level} needs a parent"
        if parent not in units:
            return f"its parent cannot be {parent}: {self.absent(parent)}"
        if RANK[units[parent][0]] >= RANK[level]:
            return f"a {level} cannot be under a {units[parent][0]} ({parent})"
        return None


def problems_in(plan: ReorganisationPlan, history: UnitHistory) -> tuple[PlanProblem, ...]:
    """Everything wrong with ``plan`` against ``history``; empty when it may be recorded."""
    check = _Check(history, plan.effective, history.tree_on(plan.effective))
    if not plan.legal_basis.strip():
        check.refuse("legal_basis", "a plan names its legal basis")
    if not plan.changes:
        check.refuse("changes", "a plan changes at least one unit")
    for index, change in enumerate(plan.changes):
        check.change(index, change)
    check.after()
    return tuple(check.problems)
