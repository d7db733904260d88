"""Opaque page cursors: the sort key of the last item shown, base64url JSON.

A cursor only moves the window within the caller's own scope: a forged one reveals
nothing else.
"""

from __future__ import annotations

import base64
import binascii
import json

from application.errors import InvalidInput

SortKey = tuple[str | int, ...]


def encode_cursor(key: SortKey) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, shape: tuple[type, ...]) -> SortKey:
    """The key in ``cursor``, which must hold values of the types in ``shape``."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        decoded = None
    if (
        not isinstance(decoded, list)
        or len(decoded) != len(shape)
        or not all(
            isinstance(part, kind) and not isinstance(part, bool)
            for part, kind in zip(decoded, shape, strict=True)
        )
    ):
        raise InvalidInput("cursor", "not a cursor of this list")
    return tuple(decoded)
