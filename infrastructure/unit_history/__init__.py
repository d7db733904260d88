"""Reference data of the units as plans for the unit registry (``record_reference_units``)."""

from infrastructure.unit_history.listings import ReferenceDataConflict
from infrastructure.unit_history.loading import (
    DEMO_JURISDICTION,
    open_unit_registry,
    record_reference_units,
)

__all__ = [
    "DEMO_JURISDICTION",
    "ReferenceDataConflict",
    "open_unit_registry",
    "record_reference_units",
]
