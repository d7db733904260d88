"""Schools (reference data) and the residence rule that says who may apply where.

Residence rule (the catchment): for grades 1 and 6, compulsory schooling is assigned by
residence, so the student must live in the school's district (in the school's commune
where the tree has no district level, as after the 2025 reform); grade 10 admits by
examination across the province, so any residence in the school's province will do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from domain.enrollments.errors import UnknownSchool
from domain.units import Level, UnitTree

GRADES = (1, 6, 10)
_CATCHMENT_LEVEL = {1: Level.DISTRICT, 6: Level.DISTRICT, 10: Level.PROVINCE}


@dataclass(frozen=True)
class School:
    code: str
    name: str
    unit: str
    capacity: Mapping[int, int] = field(default_factory=dict)
    """Seats per grade, the same for each school year."""

    def seats(self, grade: int) -> int:
        return self.capacity.get(grade, 0)

    def catchment(self, grade: int, units: UnitTree) -> str:
        """The unit whose subtree a student of ``grade`` must live in."""
        level = _CATCHMENT_LEVEL.get(grade, Level.PROVINCE)
        found = units.at_level(self.unit, level)
        return found.code if found is not None else self.unit

    def admits_residence(self, grade: int, residence_unit: str, units: UnitTree) -> bool:
        if residence_unit not in units:
            return False
        return units.is_within(residence_unit, self.catchment(grade, units))


class Schools:
    def __init__(self, schools: Iterable[School]) -> None:
        self._schools = {school.code: school for school in schools}

    def get(self, code: str) -> School:
        try:
            return self._schools[code]
        except KeyError:
            raise UnknownSchool(code) from None

    def __contains__(self, code: object) -> bool:
        return code in self._schools

    def __iter__(self) -> Iterator[School]:
        return iter(self._schools.values())
