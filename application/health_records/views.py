"""What the health record use cases answer; personal values opened (or ``[erased]``)."""

from __future__ import annotations

from typing import Any

from application.health_records.personal_data import Opener
from application.plain import plain
from domain.health_records.record import HealthRecord


def record_view(record: HealthRecord, open_: Opener) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "person": {
            "full_name": open_(record.full_name),
            "citizen_id": open_(record.citizen_id),
            "birth_date": open_(record.birth_date),
            "sex": record.sex.value,
        },
        "holding_unit": record.holding_unit,
        "erased": record.erased,
        "encounters": [
            {
                "at": plain(entry.at),
                "diagnoses": list(entry.diagnoses),
                "notes": open_(entry.notes),
                "unit": entry.unit,
            }
            for entry in record.encounters
        ],
        "immunizations": [plain(entry) for entry in record.immunizations],
        "referrals": [
            {
                "to_unit": entry.to_unit,
                "reason": open_(entry.reason),
                "at": plain(entry.at),
                "by_unit": entry.by_unit,
            }
            for entry in record.referrals
        ],
        "consents": [plain(entry) for entry in record.consents],
        "version": record.version,
    }


def access_log_view(record: HealthRecord) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "items": [plain(entry) for entry in record.accesses],
    }


def receipt(record: HealthRecord) -> dict[str, Any]:
    """What a write answers: no personal data, so none lands in an idempotency record."""
    return {"id": str(record.id), "version": record.version}
