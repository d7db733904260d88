"""The catalog every service holds: always the registry's as last read, so a version
published in this process shows at once, and one published for a later date applies from
that date by itself (``Catalog.in_force`` asks with the day of each dossier)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from domain.catalog import Catalog, Procedure


class CatalogInForce(Catalog):
    """A :class:`Catalog` that reads through to ``current()`` at each call."""

    def __init__(self, current: Callable[[], Catalog]) -> None:
        self._current = current

    def add(self, procedure: Procedure) -> None:
        raise TypeError("versions are added by publishing them (CatalogRegistry)")

    def holds(self, code: str, version: int | None = None) -> bool:
        return self._current().holds(code, version)

    def current(self, code: str) -> Procedure:
        return self._current().current(code)

    def version(self, code: str, version: int) -> Procedure:
        return self._current().version(code, version)

    def in_force(self, code: str, day: date) -> Procedure:
        return self._current().in_force(code, day)

    def on(self, day: date) -> Iterator[Procedure]:
        return self._current().on(day)

    def every_version(self) -> Iterator[Procedure]:
        return self._current().every_version()

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self._current())
