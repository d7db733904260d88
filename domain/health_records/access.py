"""Who may open a health record: clinicians of the unit that holds it, of a unit it was
referred to, or of a unit the person consented to (until the consent's last day).
Auditors read its access log, admins carry out erasure, both within their unit's
subtree. Everyone else must not learn that it exists.
"""

from __future__ import annotations

from datetime import date

from domain.health_records.record import HealthRecord
from domain.shared import Actor, Role
from domain.units import UnitTree


def treating_units(record: HealthRecord) -> set[str]:
    """Units that write clinical entries: the holder and the units it referred to."""
    return {record.holding_unit, *(referral.to_unit for referral in record.referrals)}


def reading_units(record: HealthRecord, today: date) -> set[str]:
    consented = {c.grantee_unit for c in record.consents if c.is_valid(today)}
    return treating_units(record) | consented


def may_read(actor: Actor, record: HealthRecord, today: date) -> bool:
    return actor.role == Role.CLINICIAN and actor.unit in reading_units(record, today)


def may_write(actor: Actor, record: HealthRecord) -> bool:
    return actor.role == Role.CLINICIAN and actor.unit in treating_units(record)


def may_share(actor: Actor, record: HealthRecord) -> bool:
    """Referrals and consents are the holding unit's to give."""
    return actor.role == Role.CLINICIAN and actor.unit == record.holding_unit


def oversees(actor: Actor, record: HealthRecord, units: UnitTree, role: Role) -> bool:
    """An auditor (access log) or an admin (erasure) above the holding unit."""
    return (
        actor.role == role
        and actor.unit in units
        and units.is_within(record.holding_unit, actor.unit)
    )
