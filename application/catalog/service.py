"""Use cases of the catalog registry: the versions in force on a day, and a version
published by an admin of the province, judged against the unit tree of its effective date.

Like the unit registry, the stream is read at start (the composition root records the
reference file first) and again after each version published here; ``in_force`` is the
catalog every other service holds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from application.catalog.in_force import CatalogInForce
from application.commands import CommandRunner, RequestPrint
from application.context import Context
from application.errors import Forbidden
from application.ports import Clock
from application.repository import Repository
from domain.calendar import VIETNAM_TZ
from domain.catalog import Procedure
from domain.publishing import CatalogRegistry, Draft
from domain.shared import Actor, Role
from domain.units import Level, UnitTree


class Procedures:
    def __init__(
        self,
        repository: Repository,
        clock: Clock,
        registry: CatalogRegistry,
        prints: RequestPrint,
        tree_on: Callable[[date], UnitTree],
    ) -> None:
        self.repository = repository
        self.clock = clock
        self.registry = registry
        self.runner = CommandRunner(repository, prints)
        self.tree_on = tree_on
        self.in_force = CatalogInForce(lambda: self.registry.catalog)

    def today(self) -> date:
        return self.clock.now().astimezone(VIETNAM_TZ).date()

    def on(self, as_of: date | None = None) -> list[Procedure]:
        """Every procedure as the version in force on ``as_of`` (default today)."""
        return list(self.in_force.on(as_of or self.today()))

    async def publish(self, context: Context, draft: Draft) -> Procedure:
        """Record the draft as the procedure's next version, or refuse it whole
        (``InvalidVersion`` names each field at fault); judged on the registry as stored
        now, not as this process last read it."""
        actor = context.actor
        self._authorise(actor)
        levels = frozenset(unit.level for unit in self.tree_on(draft.effective))

        async def decide() -> tuple[list[CatalogRegistry], Procedure]:
            registry = await self._load()
            published = registry.publish(draft, levels, self.today(), actor, self.clock.now())
            return [registry], published

        request = ("publish", self.registry.jurisdiction, draft)
        answer: Procedure = await self.runner.run(context, request, decide)
        self.registry = await self._load()
        return answer

    def _authorise(self, actor: Actor) -> None:
        tree = self.tree_on(self.today())
        unit = tree.get(actor.unit) if actor.unit in tree else None
        if actor.role != Role.ADMIN or unit is None or unit.level != Level.PROVINCE:
            raise Forbidden("only an admin of the province publishes the catalog")

    async def _load(self) -> CatalogRegistry:
        registry = await self.repository.get(CatalogRegistry, self.registry.id)
        assert registry is not None, "the registry is recorded at start"
        return registry
