"""The at-risk list, back-tested on a replayed history: ``python -m bench.at_risk_backtest``.

A seeded, realistic history is played through the use cases (memory store, a fixed clock
moved day by day, the national calendar of 2027): benefit dossiers (LC.NCC.TCUD, 20
working days: commune receives → district → province decides) filed at the communes of
Thành phố Lào Cai, two to five each working day for :data:`FILING_DAYS` working days. Each
stop of each dossier takes a drawn number of working days: mostly 2–7, one stint in
:data:`SLOW_ODDS` takes 8–16 (a verification, a missing signature), so some dossiers end
late. Every working morning, before the day's work, each unit's at-risk list is asked (as
of that day, with what was learnt so far) and the first day each dossier appears is noted.

``python -m bench.at_risk_backtest [SEED]`` prints, as JSON: how many dossiers ended late
(decided after their due date), how many of those were flagged at least two working days
before their due date, how many were flagged at all, and how many flagged ones ended on
time. docs/at-risk.md quotes a run.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from application.context import Context
from application.dossiers import commands as c
from domain.calendar import VIETNAM_TZ
from domain.dossiers.dossier import Applicant, Document
from domain.shared import Actor, Role
from infrastructure.calendar_data import vietnam_calendar
from infrastructure.clock import FixedClock
from infrastructure.memory.event_store import InMemoryEventStore
from infrastructure.reference_data import load_units
from infrastructure.settings import Settings
from interfaces.bootstrap import bootstrap

SEED = 15
FILING_DAYS = 60
SLOW_ODDS = 8
PROCEDURE = "LC.NCC.TCUD"
CITY, PROVINCE = "080", "10"
START = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)  # Monday 09:00 in Hà Nội


def actor(role: Role, unit: str) -> Context:
    return Context(Actor(f"{role}@{unit}", role, unit))


async def backtest(seed: int = SEED) -> dict[str, Any]:
    rng = random.Random(seed)
    calendar = vietnam_calendar(range(2026, 2029))
    clock = FixedClock(START)
    app = await bootstrap(Settings(), store=InMemoryEventStore(), clock=clock, calendar=calendar)
    communes = [u.code for u in load_units() if u.parent == CITY]
    route = [(CITY, Role.CLERK), (PROVINCE, Role.SPECIALIST), (None, Role.LEADER)]
    open_: dict[UUID, dict[str, Any]] = {}
    ended: list[dict[str, Any]] = []
    flagged: dict[str, date] = {}
    await app.start_projections()
    try:
        day, filing_days = clock.now().astimezone(VIETNAM_TZ).date(), 0
        while filing_days < FILING_DAYS or open_:
            if calendar.is_working_day(day):
                await app.projections.wait_for()
                for unit in [*communes, CITY, PROVINCE]:
                    seen = await app.at_risk.dossiers(Actor("bench", Role.LEADER, unit), today=day)
                    for item in seen.items:
                        flagged.setdefault(item.code, day)
                await _work(app, rng, calendar, day, open_, ended, route)
                if filing_days < FILING_DAYS:
                    filing_days += 1
                    for _ in range(rng.randint(2, 5)):
                        unit = rng.choice(communes)
                        receipt = await app.dossiers.receive_at_desk(
                            actor(Role.CLERK, unit), _filing(rng)
                        )
                        open_[receipt.id] = {
                            "code": receipt.code,
                            "unit": unit,
                            "due": receipt.due_date,
                            "stop": 0,
                            "since": day,
                            "takes": _stint(rng),
                        }
            day += timedelta(days=1)
            clock.set(datetime.combine(day, START.astimezone(VIETNAM_TZ).time(), VIETNAM_TZ))
    finally:
        await app.close()
    return {"seed": seed, **_figures(ended, flagged, calendar)}


async def _work(app: Any, rng: random.Random, calendar: Any, day: date, open_: Any,
                ended: list[dict[str, Any]], route: Any) -> None:  # fmt: skip
    """Move on every dossier whose stint at its stop has run its drawn length."""
    for dossier_id, d in list(open_.items()):
        if calendar.working_days_between(d["since"], day) < d["takes"]:
            continue
        to_unit, role = route[d["stop"]]
        here = d["unit"] if d["stop"] == 0 else (CITY if d["stop"] == 1 else PROVINCE)
        if to_unit is None:
            command = c.Approve(result={"so": f"{d['code']}/QĐ"})
            await app.dossiers.approve(actor(role, here), dossier_id, command)
            ended.append({**d, "decided": day})
            del open_[dossier_id]
            continue
        await app.dossiers.transfer(actor(role, here), dossier_id, c.Transfer(to_unit))
        d.update(stop=d["stop"] + 1, since=day, takes=_stint(rng))


def _stint(rng: random.Random) -> int:
    return rng.randint(8, 16) if rng.randrange(SLOW_ODDS) == 0 else rng.randint(2, 7)


def _filing(rng: random.Random) -> c.FileDossier:
    number = rng.randrange(10**12)
    return c.FileDossier(
        procedure_code=PROCEDURE,
        applicant=Applicant(full_name="Nguyễn Văn An", citizen_id=f"{number:012d}"),
        documents=(Document("Bản khai"),),
    )


def _figures(
    ended: list[dict[str, Any]], flagged: dict[str, date], calendar: Any
) -> dict[str, Any]:
    late = [d for d in ended if d["decided"] > d["due"]]
    early = [
        d
        for d in late
        if d["code"] in flagged and calendar.working_days_between(flagged[d["code"]], d["due"]) >= 2
    ]
    on_time_flagged = [d for d in ended if d["code"] in flagged and d["decided"] <= d["due"]]
    return {
        "dossiers": len(ended),
        "ended_late": len(late),
        "late_flagged_2_working_days_before_due": len(early),
        "late_flagged_at_all": sum(1 for d in late if d["code"] in flagged),
        "flagged": len(flagged),
        "flagged_ended_on_time": len(on_time_flagged),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(backtest(int(sys.argv[1]) if len(sys.argv) > 1 else SEED))))
