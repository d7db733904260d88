"""Lào Cai as it really was and is: the reference files recorded as the unit history.

Sources (shared/data, copied into infrastructure/demo): old Lào Cai (GSO list of 2020–2024,
152 communes, xã Tà Chải merged into thị trấn Bắc Hà on 2024-11-01 by NQ 1197/NQ-UBTVQH15),
old Yên Bái (GSO list of 2025, 168 communes), and Resolution 1673/NQ-UBTVQH15: 319 old
communes became 99 (reorganisation_2025.json, counts and SOURCES.md §2 and §4).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from application.encoding import new_mapper
from domain.units import Level, UnitRegistry
from infrastructure.unit_history import ReferenceDataConflict, record_reference_units
from infrastructure.unit_history.loading import DEMO_DATA, LOADER, reference_steps

AT = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
EVE, REFORM = date(2025, 6, 30), date(2025, 7, 1)
BAT_XAT = "082"  # Huyện Bát Xát (units_2019.json)


@pytest.fixture(scope="module")
def registry() -> UnitRegistry:
    return record_reference_units(None, AT)


def before_the_reform(folder: Path = DEMO_DATA) -> UnitRegistry:
    """The registry with every reference file but the 2025 reform recorded."""
    registry = UnitRegistry.open("test", LOADER, AT)
    for step in reference_steps(folder)[:3]:
        plan = step(registry.history)
        assert plan is not None
        registry.reorganise(plan, LOADER, AT)
    return registry


def levels(registry: UnitRegistry, day: date) -> Counter[Level]:
    return Counter(unit.level for unit in registry.history.tree_on(day))


def test_on_the_eve_of_the_reform_two_provinces_have_three_tiers(registry: UnitRegistry) -> None:
    tree = registry.history.tree_on(EVE)
    assert tree.get(BAT_XAT).name == "Huyện Bát Xát" and tree.get(BAT_XAT).parent == "10"
    assert tree.get("10").name == "Tỉnh Lào Cai" and tree.get("15").name == "Tỉnh Yên Bái"
    # 9 districts each; 151 communes of Lào Cai (152 less Tà Chải) + 168 of Yên Bái = 319.
    assert levels(registry, EVE) == {Level.PROVINCE: 2, Level.DISTRICT: 18, Level.COMMUNE: 319}
    assert len(tree.subtree("10")) == 1 + 9 + 151


def test_from_1_july_2025_province_15_holds_99_communes_and_no_district(
    registry: UnitRegistry,
) -> None:
    history = registry.history
    tree = history.tree_on(REFORM)
    assert levels(registry, REFORM) == {Level.PROVINCE: 1, Level.COMMUNE: 99}
    assert tree.get("15").name == "Tỉnh Lào Cai" and "10" not in tree and BAT_XAT not in tree
    assert all(unit.parent == "15" for unit in tree if unit.level == Level.COMMUNE)
    # SOURCES.md §2: 48 of the 99 kept a code of old Lào Cai, 51 one of old Yên Bái.
    old_province = Counter(
        history.tree_on(EVE).lineage(unit.code)[-1].code for unit in tree if unit.code != "15"
    )
    assert old_province == {"10": 48, "15": 51}


def test_phuong_lao_cai_is_formed_from_six_old_communes_and_keeps_kim_tan_s_code(
    registry: UnitRegistry,
) -> None:
    history = registry.history
    ward = history.period_on("02647", REFORM)
    assert ward is not None and ward.name == "Phường Lào Cai"
    # Resolution 1673, clause 90 (reorganisation_2025.json).
    assert {p.name for p in history.predecessors(ward)} == {
        "Phường Duyên Hải",
        "Phường Cốc Lếu",
        "Phường Kim Tân",
        "Phường Lào Cai",
        "Xã Vạn Hoà",
        "Xã Bản Phiệt",
    }
    assert history.locate("02911", EVE, REFORM) == history.tree_on(REFORM).get("02647")
    assert [p.name for p in history.periods("02647")] == ["Phường Kim Tân", "Phường Lào Cai"]


def test_the_eight_communes_left_as_they_were_continue_under_the_province(
    registry: UnitRegistry,
) -> None:
    history = registry.history
    # Clause 92; the 2025 list spells Tà Si Láng (04603) as Tà Xi Láng.
    for code in ("03004", "03085", "04423", "04462", "04474", "04489", "04603", "04693"):
        (period,) = history.periods(code)
        assert period.parent_on(EVE) != "15" and period.parent_on(REFORM) == "15"
    assert history.tree_on(EVE).get("04603").name == "Xã Tà Si Láng"
    assert history.tree_on(REFORM).get("04603").name == "Xã Tà Xi Láng"


def test_the_reform_leaves_every_day_before_it_as_it_was() -> None:
    registry = before_the_reform()
    days = (date(2020, 3, 1), date(2024, 11, 1), EVE)
    trees = {day: sorted(registry.history.tree_on(day), key=str) for day in days}
    (reform,) = reference_steps()[3:]
    plan = reform(registry.history)
    assert plan is not None
    registry.reorganise(plan, LOADER, AT)
    assert {day: sorted(registry.history.tree_on(day), key=str) for day in days} == trees


def test_ta_chai_ceased_into_bac_ha_on_1_november_2024(registry: UnitRegistry) -> None:
    history = registry.history
    assert history.is_live("02872", date(2024, 10, 31))
    assert not history.is_live("02872", date(2024, 11, 1))
    assert history.locate("02872", date(2024, 10, 31), date(2024, 11, 1)).name == "Thị trấn Bắc Hà"


def test_every_event_carries_its_date_and_legal_basis_and_survives_the_store_encoding(
    registry: UnitRegistry,
) -> None:
    fresh = record_reference_units(None, AT)
    events = fresh.collect_events()
    assert all(e.legal_basis for e in events[1:])
    mapper = new_mapper()
    replayed = None
    for domain_event in events:
        replayed = mapper.to_domain_event(mapper.to_stored_event(domain_event)).mutate(replayed)
    assert isinstance(replayed, UnitRegistry)
    assert list(replayed.history) == list(registry.history)


def test_loading_again_records_nothing_even_from_the_stored_events() -> None:
    first = record_reference_units(None, AT)
    events = first.collect_events()
    # The same files make the same events: the stream id follows from the jurisdiction.
    assert record_reference_units(None, AT).collect_events() == events
    assert record_reference_units(first, AT).collect_events() == []
    # A restart: the registry comes back from its events, and the files add nothing.
    restarted = None
    for domain_event in events:
        restarted = domain_event.mutate(restarted)
    assert record_reference_units(restarted, AT).collect_events() == []


def test_a_later_file_adds_only_what_is_new(tmp_path: Path) -> None:
    # An older copy of the data lacked the last commune of the Yên Bái listing and the
    # reform; it was recorded. The full files come later: only what is new is recorded.
    shutil.copytree(DEMO_DATA, tmp_path, dirs_exist_ok=True)
    yen_bai = tmp_path / "units_2019_yen_bai.json"
    data = json.loads(yen_bai.read_text(encoding="utf-8"))
    last = data["units"].pop()
    yen_bai.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    older = before_the_reform(tmp_path)
    older.collect_events()
    added = [
        e.code
        for e in record_reference_units(older, AT).collect_events()
        if isinstance(e, UnitRegistry.UnitEstablished)
    ]
    # That commune, then the new province and the 91 communes formed by merging (99 less
    # the 8 left as they were).
    assert added[0] == last["code"] and len(added) == 1 + 1 + 91
    assert len(set(added)) == len(added)


def test_a_listing_that_contradicts_the_history_is_refused_not_applied(tmp_path: Path) -> None:
    shutil.copytree(DEMO_DATA, tmp_path, dirs_exist_ok=True)
    listing = tmp_path / "units.json"
    listing.write_text(
        listing.read_text(encoding="utf-8").replace("Huyện Bát Xát", "Huyện Bát Sát"),
        encoding="utf-8",
    )
    with pytest.raises(ReferenceDataConflict, match="082"):
        record_reference_units(record_reference_units(None, AT), AT, folder=tmp_path)
