"""Where an open dossier goes when units it is at cease (the 2025 switch, or any plan).

The desk that received it goes to the unit formed from it (a commune to the new commune);
the unit holding it, likewise when a unit of its level carries on its work. When none does
(a district: the two-tier tree has none), the work goes where the procedure's version in
force from that day performs it: that level above or at the dossier's competent unit as it
now is (usually the new commune, or the province). The dossier keeps its own version,
route and due date: only who holds it changes.
"""

from __future__ import annotations

from datetime import date, timedelta

from domain.catalog import Action, Catalog, UnknownProcedure, stops_of
from domain.dossiers.dossier import Dossier, Handover
from domain.units import Level, Unit, UnitHistory

ONE_DAY = timedelta(days=1)


def ceased_on(history: UnitHistory, code: str, effective: date) -> bool:
    """True when the unit ``code`` stood for on the eve ceased that day."""
    period = history.period_on(code, effective - ONE_DAY)
    return period is not None and period.valid_until == effective - ONE_DAY


def handover_at(
    dossier: Dossier, history: UnitHistory, catalog: Catalog, effective: date
) -> Handover | None:
    """What the switch of ``effective`` does to ``dossier``; None when nothing it is at
    ceased that day, when it is closed, or filed on the new tree, or handed over already
    (codes are reused: the new xã Bát Xát is 02683 like the old one)."""
    holder, desk = dossier.current_unit, dossier.receiving_unit
    settled = dossier.filed_on >= effective or effective in dossier.switches
    if (
        settled
        or dossier.is_terminal
        or not (ceased_on(history, holder, effective) or ceased_on(history, desk, effective))
    ):
        return None
    eve = effective - ONE_DAY
    new_desk = history.locate(desk, eve, effective)
    new_holder = (
        _holder_after(dossier, history, catalog, effective)
        if ceased_on(history, holder, effective)
        else history.locate(holder, eve, effective)
    )
    basis = [history.period_on(code, eve) for code in (holder, desk)]
    return Handover(
        effective=effective,
        legal_basis=next(p.ceased_by for p in basis if p is not None and p.ceased_by),
        from_unit=holder,
        from_unit_name=_name(history, holder, eve),
        to_unit=new_holder.code,
        to_unit_name=new_holder.name,
        from_desk=desk,
        from_desk_name=_name(history, desk, eve),
        to_desk=new_desk.code,
        to_desk_name=new_desk.name,
    )


def _holder_after(dossier: Dossier, history: UnitHistory, catalog: Catalog, day: date) -> Unit:
    eve = day - ONE_DAY
    held_at = history.period_on(dossier.current_unit, eve)
    heirs = history.successors_on(dossier.current_unit, eve, day)
    if held_at is not None and len(heirs) == 1 and heirs[0].level == held_at.level:
        return heirs[0]
    anchor = history.locate(dossier.competent_unit, eve, day)
    level = _level_now_doing(dossier, catalog, day)
    found = history.tree_on(day).at_level(anchor.code, level) if level else None
    return found or history.locate(dossier.current_unit, eve, day)


def _level_now_doing(dossier: Dossier, catalog: Catalog, day: date) -> Level | None:
    """The level at which the version in force from ``day`` performs the work of the
    dossier's current leg (its processing or decision)."""
    try:
        version = catalog.in_force(dossier.procedure_code, day)
    except UnknownProcedure:
        return None
    work = stops_of(dossier.route)[dossier.stop].actions - {Action.RECEIVE, Action.RETURN}
    return next((step.level for step in version.steps if step.action in work), None)


def _name(history: UnitHistory, code: str, day: date) -> str:
    period = history.period_on(code, day)
    return period.name_on(day) if period is not None else code
