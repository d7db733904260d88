"""The jurisdiction's unit history as the store holds it (its ``UnitRegistry`` stream).

The stream is long (the 2019 trees and the 2025 reform: ~800 events) and rarely written,
so the registry is rebuilt only when its stream grew."""

from __future__ import annotations

from application.repository import Repository
from domain.units import UnitHistory, UnitRegistry


class UnitHistories:
    def __init__(self, repository: Repository, jurisdiction: str) -> None:
        self.repository = repository
        self.jurisdiction = jurisdiction
        self._seen: UnitRegistry | None = None

    async def registry(self) -> UnitRegistry | None:
        registry_id = UnitRegistry.id_for(self.jurisdiction)
        version = await self.repository.store.stream_version(registry_id)
        if self._seen is None or self._seen.version != version:
            self._seen = await self.repository.get(UnitRegistry, registry_id)
        return self._seen

    async def current(self) -> UnitHistory | None:
        """None while no registry is recorded."""
        registry = await self.registry()
        return registry.history if registry is not None else None
