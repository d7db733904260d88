"""Reading an HTML form (``application/x-www-form-urlencoded``), small and bounded.

The pages' forms carry a code, a secret or a token: a few hundred bytes. Anything else
than an urlencoded body reads as an empty form.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

from interfaces.http.errors import Problem

MAX_FORM_BYTES = 16 * 1024
_FORM = "application/x-www-form-urlencoded"


async def read_form(request: Request) -> dict[str, str]:
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != _FORM:
        return {}
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise Problem(413, "content-too-large", f"a form holds at most {MAX_FORM_BYTES} bytes")
    try:
        fields = parse_qsl(body.decode(), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return {}
    return dict(fields)
