"""Turn domain values into JSON-ready primitives for results and history."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any
from uuid import UUID

_AS_IS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    return value


@cache
def _field_names(dataclass: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(dataclass))
