"""The unit tree in force today, for every service that asks "which units are there now".

Each call asks the registry's history with the clock's day: a plan whose effective date
comes takes effect by itself, with no restart, and one recorded meanwhile shows at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from domain.units import Unit, UnitHistory, UnitTree


class TreeInForce(UnitTree):
    """A :class:`UnitTree` that is always today's (``lineage`` and ``at_level`` go
    through ``get``)."""

    def __init__(self, history: Callable[[], UnitHistory], today: Callable[[], date]) -> None:
        self._history = history
        self._today = today
        self._scopes: tuple[UnitTree | None, dict[str, set[str]]] = (None, {})

    def fixed(self) -> UnitTree:
        return self._history().tree_on(self._today())

    def __contains__(self, code: object) -> bool:
        return code in self.fixed()

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.fixed())

    def __len__(self) -> int:
        return len(self.fixed())

    def get(self, code: str) -> Unit:
        return self.fixed().get(code)

    def subtree(self, code: str) -> set[str]:
        """Today's subtree, with the ceased units whose work passed wholly into it: an
        auditor of the new province oversees what the old provinces held (scope follows
        the tree in force; a code of a ceased unit is never the root asked about, as no
        token of one is accepted)."""
        today = self.fixed()
        if self._scopes[0] is not today:
            self._scopes = (today, {})
        scopes = self._scopes[1]
        if code not in scopes:
            within = today.subtree(code)
            scopes[code] = within | self._history().absorbed_into(within, self._today())
        return set(scopes[code])

    def is_within(self, code: str, ancestor: str) -> bool:
        return code in self.subtree(ancestor)
