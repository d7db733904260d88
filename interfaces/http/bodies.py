"""Request bodies derived from the application's command dataclasses.

A command is declared once, as a frozen dataclass whose fields name their kind
(:mod:`domain.fields`). Here each is turned, once, into a pydantic model with the
kinds' bounds (:data:`interfaces.http.fields.EDGE`), unknown members forbidden (so
``status``, ``version`` or a unit cannot be mass-assigned), that validates a body
and hands back the command itself. Nested dataclasses (an applicant, a document)
are derived the same way. Collections arrive as JSON arrays and become tuples.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, create_model

from domain.fields import Between, Kind
from interfaces.http.fields import EDGE
from interfaces.http.schemas import Day

_CONFIG = ConfigDict(extra="forbid", allow_inf_nan=False)


@cache
def body_model(command: type) -> type[BaseModel]:
    """The pydantic model of a command's body (named after it, for the OpenAPI document);
    a pydantic model as is."""
    if issubclass(command, BaseModel):
        return command
    return _model(command, command.__name__)


@cache
def body_adapter(kind: type) -> TypeAdapter[Any]:
    """Validates a body into ``kind``: a command dataclass, or a pydantic model as is."""
    return TypeAdapter(body_type(kind))


@cache
def body_type(kind: type) -> Any:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return kind
    return _edge(kind, top=True)


def _model(command: type, name: str) -> type[BaseModel]:
    hints = typing.get_type_hints(command, include_extras=True)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(command):
        if field.default is not dataclasses.MISSING:
            default: Any = field.default
        elif field.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=field.default_factory)
        else:
            default = ...
        fields[field.name] = (_edge(hints[field.name]), default)
    model: type[BaseModel] = create_model(  # type: ignore[call-overload]
        name, __config__=_CONFIG, __doc__=_written_doc(command), **fields
    )
    return model


def _written_doc(kind: type) -> str | None:
    """The dataclass's own docstring; not the signature ``dataclass`` writes in its place."""
    doc = kind.__doc__
    return None if doc is None or doc.startswith(f"{kind.__name__}(") else doc


def _edge(kind: Any, top: bool = False, bounds: tuple[Any, ...] = ()) -> Any:
    """``kind`` as the edge validates it: kinds bounded, dataclasses derived, tuples as
    arrays that become tuples again."""
    origin = get_origin(kind)
    if origin is Annotated:
        base, *marks = get_args(kind)
        limits = tuple(_bounds(mark, base) for mark in marks if isinstance(mark, Between))
        kinds = [mark for mark in marks if isinstance(mark, Kind)]
        inner = EDGE[kinds[0]] if kinds else _edge(base, bounds=limits)
        return Annotated[(inner, *limits)] if kinds and limits else inner
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        name = kind.__name__ if top else f"{kind.__name__}In"
        return Annotated[_model(kind, name), AfterValidator(_constructor(kind))]
    if origin is tuple:
        items = list[_edge(get_args(kind)[0])]  # type: ignore[misc]
        return Annotated[(items, *bounds, AfterValidator(tuple))]
    if origin is list:
        return Annotated[(list[_edge(get_args(kind)[0])], *bounds)]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return Union[tuple(_edge(arg) for arg in get_args(kind))]  # noqa: UP007
    if kind is date:
        kind = Day  # YYYY-MM-DD only (pydantic alone takes 0 for 1 January 1970)
    return Annotated[(kind, *bounds)] if bounds else kind


def _bounds(between: Between, base: Any) -> Any:
    if base is int:
        return Field(ge=between.least, le=between.most)
    return Field(min_length=between.least, max_length=between.most)


def _constructor(kind: type) -> Callable[[BaseModel], Any]:
    names = tuple(field.name for field in dataclasses.fields(kind))

    def construct(model: BaseModel) -> Any:
        return kind(**{name: getattr(model, name) for name in names})

    return construct
