"""Records the reference catalog file (``demo/procedures.json``) as the catalog registry's
events, only what is new: a version the registry holds (same code and number) is skipped,
so loading again, at every start, records nothing, and a later file adds only its new
versions. Once recorded, the registry is the catalog's truth: a file that changes a version
it holds changes nothing (publish a new version instead).
"""

from __future__ import annotations

from datetime import datetime

from application.repository import Repository
from domain.catalog import Catalog
from domain.publishing import CatalogRegistry
from domain.shared import Actor
from infrastructure.reference_data import load_catalog
from infrastructure.reference_streams import LOADER, open_reference_stream

REFERENCE_BASIS = "Danh mục thủ tục hành chính (dữ liệu tham chiếu: demo/procedures.json)"


def record_reference_catalog(
    registry: CatalogRegistry | None,
    at: datetime,
    reference: Catalog | None = None,
    actor: Actor = LOADER,
) -> CatalogRegistry:
    """``registry`` (opened when None) with the reference versions it lacks recorded as
    pending events, oldest first."""
    if registry is None:
        registry = CatalogRegistry.open(actor.unit, actor, at)
    for procedure in (reference or load_catalog()).every_version():
        if not registry.catalog.holds(procedure.code, procedure.version):
            registry.record(procedure, REFERENCE_BASIS, actor, at)
    return registry


async def open_catalog_registry(repository: Repository, at: datetime) -> CatalogRegistry:
    """The registry as stored, with what the reference file adds recorded first."""
    return await open_reference_stream(
        repository,
        CatalogRegistry,
        CatalogRegistry.id_for(LOADER.unit),
        lambda stored: record_reference_catalog(stored, at),
    )
