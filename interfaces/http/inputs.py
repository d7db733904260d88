"""Reading what a request carries: a bounded JSON body, a query string, command headers.

A malformed If-Match or Idempotency-Key is a 422 naming the header (a well-formed but
stale If-Match is the 412). Query strings are validated as sent: an empty value is a
value, not an absent parameter.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from interfaces.http.bodies import body_adapter
from interfaces.http.errors import Problem, from_validation_error, invalid

MAX_BODY_BYTES = 1024 * 1024
IF_MATCH_PATTERN = r'^(\*|"([0-9]{1,9})"|([0-9]{1,9}))$'
IDEMPOTENCY_KEY_PATTERN = r"^[\x21-\x7e]{1,200}$"
_IF_MATCH = re.compile(IF_MATCH_PATTERN)
_IDEMPOTENCY_KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)

M = TypeVar("M", bound=BaseModel)


async def read_body(request: Request, kind: type) -> Any:
    """The body as ``kind`` (a command dataclass or a pydantic model); an empty body
    counts as ``{}``."""
    return parse_body(request, await read_raw(request), kind)


def parse_body(request: Request, raw: bytes, kind: type) -> Any:
    """``raw``, the body as sent, as ``kind``."""
    if raw.strip():
        _require_json(request)
    try:
        return body_adapter(kind).validate_json(raw if raw.strip() else b"{}")
    except ValidationError as error:
        raise from_validation_error(error) from None


def read_query(request: Request, model: type[M]) -> M:
    try:
        return model.model_validate(dict(request.query_params))
    except ValidationError as error:
        raise from_validation_error(error) from None


def if_match(request: Request) -> int | None:
    """The version named by ``If-Match: "<version>"`` (or a bare number); ``*`` is no
    condition."""
    header = request.headers.get("if-match")
    if header is None:
        return None
    found = _IF_MATCH.fullmatch(header.strip())
    if found is None:
        raise invalid([("If-Match", 'one version, like "3" (or 3), or *')])
    version = found.group(2) or found.group(3)
    return int(version) if version else None


def idempotency_key(request: Request) -> str | None:
    key = request.headers.get("idempotency-key")
    if key is not None and not _IDEMPOTENCY_KEY.fullmatch(key):
        raise invalid([("Idempotency-Key", "1 to 200 visible ASCII characters")])
    return key


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _require_json(request: Request) -> None:
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise Problem(415, "unsupported-media-type", "send the body as application/json")


async def read_raw(request: Request) -> bytes:
    """The body's bytes as sent, at most :data:`MAX_BODY_BYTES` (else 413)."""
    too_large = Problem(413, "content-too-large", f"the body exceeds {MAX_BODY_BYTES} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
