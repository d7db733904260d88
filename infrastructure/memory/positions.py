"""A position-only projection store in memory (see ``infrastructure/sql_views/positions.py``)."""

from __future__ import annotations

from typing import Any

from infrastructure.memory.views import MemoryFamily, Overlay


def _no_view(overlay: Overlay) -> Any:
    return None


def positions_only(name: str) -> MemoryFamily[Any]:
    return MemoryFamily(name, _no_view)
