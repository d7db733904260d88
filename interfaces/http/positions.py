"""Read your writes across server processes, in three headers.

A command's answer names the log position its write committed at (``Motcua-Position``).
A query answered by a read model may send that number back (``Motcua-After``): it waits,
at most ``MOTCUA_READ_WAIT_SECONDS``, until the read model includes that position, on
whichever process answers. Past the bound it answers from the view as it is, as every
read model query does, and says so (``Motcua-Stale: true``): a slow projection must not
turn reads into errors, and the client can ask again.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request

from interfaces.http.errors import invalid

POSITION = "Motcua-Position"
AFTER = "Motcua-After"
STALE = "Motcua-Stale"
_DIGITS = re.compile(r"[0-9]{1,18}")

AFTER_PARAMETER: dict[str, Any] = {
    "name": AFTER,
    "in": "header",
    "required": False,
    "description": f"A `{POSITION}` a command answered: wait (briefly) until this read "
    "includes that write, whichever server process answers.",
    "schema": {"type": "string", "pattern": r"^[0-9]{1,18}$"},
}
POSITION_HEADER: dict[str, Any] = {
    "description": f"The log position this command's events committed at: send it as "
    f"`{AFTER}` on a later query to read this write.",
    "schema": {"type": "string"},
}
STALE_HEADER: dict[str, Any] = {
    "description": "`true` when the read model had not caught up within the server's read "
    "wait: the answer may miss recent writes.",
    "schema": {"type": "string", "enum": ["true"]},
}


def read_after(request: Request) -> int | None:
    """The position ``Motcua-After`` names, None without it; 422 when it is no number."""
    header = request.headers.get(AFTER)
    if header is None:
        return None
    if not _DIGITS.fullmatch(header.strip()):
        raise invalid([(AFTER, "a log position: digits, as a Motcua-Position header gave")])
    return int(header)
