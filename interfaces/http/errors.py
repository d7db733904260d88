"""Every failure as an RFC 9457 problem (``application/problem+json``).

Handlers raise :class:`Problem` for what the HTTP layer itself refuses; the use cases'
and the domain's errors are translated by :func:`problem_from`. Details never carry
stack traces, store internals or a citizen's data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from application.errors import (
    ApplicationError,
    ConcurrencyConflict,
    Forbidden,
    Gone,
    IdempotencyKeyReused,
    InvalidInput,
    NotFound,
    PreconditionFailed,
)
from application.forms.errors import RendererUnavailable
from application.ports import ConcurrencyError, StoreError
from domain.dossiers.errors import InvalidTransition
from domain.enrollments.errors import CapacityExhausted
from domain.publishing import InvalidVersion
from domain.shared import DomainError
from domain.units import InvalidPlan

PROBLEM_JSON = "application/problem+json"

TITLES: dict[str, str] = {
    "validation-error": "The request is not valid",
    "invalid-transition": "Not allowed in the current state",
    "concurrency-conflict": "Changed by someone else first",
    "capacity-exhausted": "No seat left",
    "precondition-failed": "The version does not match",
    "not-found": "Not found",
    "gone": "Erased for good",
    "unauthorized": "Authentication required",
    "forbidden": "Not allowed for this role",
    "rate-limited": "Too many requests",
    "unavailable": "Temporarily unavailable",
    "method-not-allowed": "Method not allowed",
    "unsupported-media-type": "Unsupported media type",
    "content-too-large": "Content too large",
    "internal-error": "Internal server error",
    "http-error": "The request cannot be served",
}

# What each problem status means in the OpenAPI document.
SLUG_OF_STATUS: dict[int, str] = {
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "invalid-transition",
    412: "precondition-failed",
    410: "gone",
    413: "content-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "rate-limited",
    503: "unavailable",
}


class Problem(Exception):
    """An answer that is a problem; ``extra`` adds members such as ``errors`` or ``state``."""

    def __init__(
        self,
        status: int,
        slug: str,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def body(self) -> dict[str, Any]:
        return {
            "type": f"/problems/{self.slug}",
            "title": TITLES[self.slug],
            "status": self.status,
            "detail": self.detail,
            **self.extra,
        }

    def response(self) -> JSONResponse:
        return JSONResponse(
            self.body(), status_code=self.status, headers=self.headers, media_type=PROBLEM_JSON
        )


def invalid(errors: Sequence[tuple[str, str]]) -> Problem:
    """422 naming each wrong field."""
    return Problem(
        422,
        "validation-error",
        "; ".join(f"{field}: {message}" for field, message in errors),
        extra={"errors": [{"field": field, "message": message} for field, message in errors]},
    )


def from_validation_error(error: ValidationError) -> Problem:
    """A pydantic error as a 422: dotted field paths, the messages, never the input."""
    return invalid(
        [
            (".".join(str(part) for part in item["loc"]) or "body", item["msg"])
            for item in error.errors(include_url=False, include_input=False)
        ]
    )


def unauthorized(detail: str) -> Problem:
    return Problem(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


def rate_limited(retry_after: int) -> Problem:
    return Problem(
        429,
        "rate-limited",
        f"too many failed attempts; retry in {retry_after} s",
        headers={"Retry-After": str(retry_after)},
    )


def unavailable(detail: str = "the store is not answering; retry shortly") -> Problem:
    return Problem(503, "unavailable", detail, headers={"Retry-After": "1"})


def problem_from(error: Exception) -> Problem:
    """The problem that answers ``error``, an exception the handlers may raise."""
    match error:
        case Problem():
            return error
        case InvalidTransition():
            return Problem(409, "invalid-transition", str(error), extra={"state": error.status})
        case CapacityExhausted():
            return Problem(409, "capacity-exhausted", str(error))
        case InvalidPlan() | InvalidVersion():
            return invalid([(problem.field, problem.message) for problem in error.problems])
        case DomainError():
            return Problem(409, "invalid-transition", str(error))
        case ConcurrencyConflict() | ConcurrencyError():
            detail = "another change to this dossier was applied first; read it again and retry"
            return Problem(409, "concurrency-conflict", detail)
        case PreconditionFailed():
            return Problem(412, "precondition-failed", str(error))
        case NotFound():
            return Problem(404, "not-found", str(error))
        case Gone():
            return Problem(410, "gone", str(error))
        case Forbidden():
            return Problem(403, "forbidden", str(error))
        case IdempotencyKeyReused():
            return invalid([("Idempotency-Key", str(error))])
        case InvalidInput():
            return invalid([(error.field, error.message)])
        case StoreError():
            return unavailable()
        case RendererUnavailable():
            return unavailable(str(error))
        case HTTPException():
            return _from_http_exception(error)
    raise TypeError(f"no problem maps {type(error).__name__}") from error


def _from_http_exception(error: HTTPException) -> Problem:
    if error.status_code == 404:
        return Problem(404, "not-found", "no resource has this path")
    if error.status_code == 405:
        allowed = (error.headers or {}).get("Allow", "")
        return Problem(
            405,
            "method-not-allowed",
            f"this path allows {allowed}",
            headers={"Allow": allowed},
        )
    return Problem(error.status_code, "http-error", str(error.detail))


HANDLED: tuple[type[Exception], ...] = (
    Problem,
    ApplicationError,
    DomainError,
    StoreError,
    RendererUnavailable,
    HTTPException,
)


async def handle(_: Request, error: Exception) -> JSONResponse:
    return problem_from(error).response()
