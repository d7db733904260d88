"""The 2025 reform of Lào Cai as one plan, from ``demo/reorganisation_2025.json``.

On 2025-07-01 old Lào Cai (10) and old Yên Bái (15) became one province, code 15; every
district ceased, its work going to the province; each of the 99 new communes was formed
from whole old ones (clauses 1–91 of Resolution 1673/NQ-UBTVQH15) or, for the 8 of clause
92, is the old commune itself, now under the province (and spelt as the 2025 list does).
The districts to abolish are read from the tree of the eve, not from the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from domain.units import Level, ReorganisationPlan, UnitHistory
from domain.units.plan import Abolish, Change, Merge, Move, NewUnit, Rename

# units_2025.json: the province of code 15 from 2025-07-01 (Công văn 1027/CTK-CSCL).
PROVINCE_NAME = "Tỉnh Lào Cai"
# The provinces: Nghị quyết 202/2025/QH15 (as reorganisation_2025.json cites it); the
# communes: Nghị quyết 1673/NQ-UBTVQH15; the end of districts: Nghị quyết 190/2025/QH15 as
# shared/DOMAIN.md cites it for the two tiers (not checked against its text here).
LEGAL_BASIS = (
    "Nghị quyết 202/2025/QH15 (sắp xếp ĐVHC cấp tỉnh); "
    "Nghị quyết 1673/NQ-UBTVQH15 ngày 16/06/2025 (sắp xếp ĐVHC cấp xã của tỉnh Lào Cai năm 2025); "
    "chính quyền địa phương hai cấp từ 01/07/2025 (Nghị quyết 190/2025/QH15)"
)


def reform_plan(data: Mapping[str, Any], history: UnitHistory) -> ReorganisationPlan:
    effective = date.fromisoformat(data["as_of"])
    eve = history.tree_on(effective - timedelta(days=1))
    province = data["province"]["new_code"]
    old_provinces = tuple(data["province"]["formed_from"])
    changes: list[Change] = [
        Merge(NewUnit(province, PROVINCE_NAME, Level.PROVINCE, None), old_provinces)
    ]
    changes += [
        Abolish(unit.code, province)
        for unit in eve
        if unit.level == Level.DISTRICT and unit.parent in old_provinces
    ]
    for commune in data["communes"]:
        code, name = commune["code"], commune["name"]
        sources = tuple(part["old_code"] for part in commune["formed_from"])
        if sources != (code,):
            changes.append(Merge(NewUnit(code, name, Level.COMMUNE, province), sources))
            continue
        changes.append(Move(code, province))
        if code in eve and eve.get(code).name != name:
            changes.append(Rename(code, name))
    return ReorganisationPlan(effective, LEGAL_BASIS, tuple(changes))
