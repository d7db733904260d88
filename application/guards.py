"""Checks every use case makes before letting an aggregate decide."""

from __future__ import annotations

from application.context import Context
from application.errors import PreconditionFailed


def require_version(context: Context, version: int) -> None:
    """The caller's ``If-Match``, when sent, must name the current version."""
    if context.if_match is not None and context.if_match != version:
        raise PreconditionFailed(context.if_match, version)
