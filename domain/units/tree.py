"""Administrative units: a tree whose depth is data (three tiers before July 2025, two after)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from domain.shared import DomainError


class Level(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: Level
    parent: str | None


class UnknownUnit(DomainError):
    def __init__(self, code: str) -> None:
        super().__init__(f"no administrative unit has the code {code!r}")
        self.code = code


class UnitTree:
    """The units of a jurisdiction, with the parent links walked both ways."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._units = {unit.code: unit for unit in units}
        self._children: dict[str, list[str]] = {}
        for unit in self._units.values():
            if unit.parent is not None:
                if unit.parent not in self._units:
                    raise UnknownUnit(unit.parent)
                self._children.setdefault(unit.parent, []).append(unit.code)

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units.values())

    def __len__(self) -> int:
        return len(self._units)

    def fixed(self) -> UnitTree:
        """This tree as a value that never changes (one always in force gives today's)."""
        return self

    def get(self, code: str) -> Unit:
        try:
            return self._units[code]
        except KeyError:
            raise UnknownUnit(code) from None

    def lineage(self, code: str) -> list[Unit]:
        """The unit itself, then its parent, up to the root."""
        chain = [self.get(code)]
        while (parent := chain[-1].parent) is not None:
            chain.append(self.get(parent))
        return chain

    def at_level(self, code: str, level: Level) -> Unit | None:
        """The unit itself or its ancestor at ``level``; None when the lineage has none."""
        return next((unit for unit in self.lineage(code) if unit.level == level), None)

    def is_within(self, code: str, ancestor: str) -> bool:
        """True when ``code`` is ``ancestor`` or lies in its subtree."""
        return any(unit.code == ancestor for unit in self.lineage(code))

    def subtree(self, code: str) -> set[str]:
        """Codes of the unit and every unit below it."""
        found, pending = set(), [self.get(code).code]
        while pending:
            current = pending.pop()
            found.add(current)
            pending.extend(self._children.get(current, ()))
        return found
