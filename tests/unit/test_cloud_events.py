"""Every event of the domain as the world sees it: a CloudEvent whose ``data`` holds no
personal data, under a type name that never changes."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import types
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints
from uuid import NAMESPACE_URL, UUID, uuid5

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

import domain
from application.ports import RecordedEvent
from domain.fields import Kind
from projections.outbound.cloud_events import cloud_event, routing_key
from projections.outbound.event_types import BY_TOPIC, EVENT_TYPES, UNPUBLISHED, type_table

ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})
# Named here, apart from the table, so that the table cannot declare them public.
PERSONAL = frozenset(
    {"applicant", "full_name", "citizen_id", "phone", "address", "birth_date", "student"}
    | {"guardian", "holder", "scope", "reason", "note", "notes", "comment", "secret_hash"}
    | {"residence_unit", "person_id", "documents", "result", "sub"}
)
STABLE_TYPES = [
    "vn.gov.motcua.dossier.submitted",
    "vn.gov.motcua.dossier.received",
    "vn.gov.motcua.dossier.intake_refused",
    "vn.gov.motcua.dossier.supplement_requested",
    "vn.gov.motcua.dossier.supplemented",
    "vn.gov.motcua.dossier.transferred",
    "vn.gov.motcua.dossier.approved",
    "vn.gov.motcua.dossier.refused",
    "vn.gov.motcua.dossier.document_attached",
    "vn.gov.motcua.dossier.corrected",
    "vn.gov.motcua.dossier.apologized",
    "vn.gov.motcua.dossier.result_returned",
    "vn.gov.motcua.dossier.withdrawn",
    "vn.gov.motcua.dossier.rated",
    "vn.gov.motcua.dossier.due_date_moved",
    "vn.gov.motcua.dossier.stopped",
    "vn.gov.motcua.dossier.forwarded",
    "vn.gov.motcua.dossier.handed_over",
    "vn.gov.motcua.dossier.paid",
    "vn.gov.motcua.permit.issued",
    "vn.gov.motcua.permit.amended",
    "vn.gov.motcua.permit.extended",
    "vn.gov.motcua.permit.suspended",
    "vn.gov.motcua.permit.reinstated",
    "vn.gov.motcua.permit.revoked",
    "vn.gov.motcua.enrollment.applied",
    "vn.gov.motcua.enrollment.admitted",
    "vn.gov.motcua.enrollment.waitlisted",
    "vn.gov.motcua.enrollment.refused",
    "vn.gov.motcua.enrollment.confirmed",
    "vn.gov.motcua.enrollment.transferred",
    "vn.gov.motcua.audit.checkpointed",
    "vn.gov.motcua.unit_registry.opened",
    "vn.gov.motcua.unit_registry.reorganised",
    "vn.gov.motcua.unit_registry.unit_established",
    "vn.gov.motcua.unit_registry.unit_ceased",
    "vn.gov.motcua.unit_registry.unit_renamed",
    "vn.gov.motcua.unit_registry.unit_moved",
    "vn.gov.motcua.catalog_registry.opened",
    "vn.gov.motcua.catalog_registry.version_published",
]


def domain_events() -> Iterator[tuple[type[Aggregate], type[Any]]]:
    """Every (aggregate, event class) declared anywhere under ``domain/``."""
    for info in pkgutil.walk_packages(domain.__path__, "domain."):
        module = importlib.import_module(info.name)
        for aggregate in vars(module).values():
            if not (isinstance(aggregate, type) and issubclass(aggregate, Aggregate)):
                continue
            if aggregate.__module__ != module.__name__:
                continue
            for name, value in vars(aggregate).items():
                if name in ("Event", "Created"):  # the bases eventsourcing adds
                    continue
                if isinstance(value, type) and issubclass(value, Aggregate.Event):
                    yield aggregate, value


EVENTS = list(domain_events())


def own_fields(event_class: type[Any]) -> list[str]:
    return [f.name for f in dataclasses.fields(event_class) if f.name not in ENVELOPE]


def test_the_walk_finds_the_events_of_every_stream() -> None:
    names = {aggregate.__name__ for aggregate, _ in EVENTS}
    assert names == {"Dossier", "ReceiptRegister", "Permit", "Enrollment", "SchoolSeats"} | {
        "HealthRecord",
        "UnitRegistry",
        "CatalogRegistry",
        "DocumentReads",
        "ChainCheckpoint",
        "CalendarAnnouncements",
        "Subscription",
        "NoticeLog",
        "Switch",
    }
    assert len(EVENTS) == 19 + 2 + 6 + 6 + 3 + 10 + 6 + 2 + 1 + 2 + 2 + 3 + 3 + 2


@pytest.mark.parametrize("event_class", [e for _, e in EVENTS], ids=lambda e: e.__qualname__)
def test_every_event_is_published_or_its_stream_is_not(event_class: type[Any]) -> None:
    aggregate = next(a for a, e in EVENTS if e is event_class)
    published = get_topic(event_class) in BY_TOPIC
    assert published != (aggregate in UNPUBLISHED), "decide: publish it, or its stream is not"


@pytest.mark.parametrize("kind", EVENT_TYPES, ids=lambda kind: kind.type)
def test_every_field_of_a_published_event_is_classified(kind: Any) -> None:
    paths = [*kind.data_paths, *kind.withheld_paths]
    assert len(paths) == len(set(paths)) and not set(kind.data_paths) & set(kind.withheld_paths)
    hints = get_type_hints(kind.event)
    covered = {path.split(".")[0] for path in paths}
    assert covered == set(own_fields(kind.event)), "a field nobody decided on"
    for name in {path.split(".")[0] for path in paths if "." in path}:
        inner = {path.split(".", 1)[1] for path in paths if path.startswith(name + ".")}
        assert inner == {f.name for f in dataclasses.fields(hints[name])}


@pytest.mark.parametrize("kind", EVENT_TYPES, ids=lambda kind: kind.type)
def test_no_personal_field_is_public(kind: Any) -> None:
    for path in kind.data_paths:
        assert not set(path.split(".")) & PERSONAL, path


PERSONAL_KINDS = frozenset({Kind.NAME, Kind.ADDRESS, Kind.CITIZEN_ID, Kind.PHONE, Kind.REASON})


def marked_personal(hint: Any, path: str) -> Iterator[str]:
    """Paths under ``path`` whose type the domain marks as personal (``domain/fields.py``)."""
    if get_origin(hint) is Annotated:
        if PERSONAL_KINDS & set(hint.__metadata__):
            yield path
        hint = get_args(hint)[0]
    if get_origin(hint) in (Union, types.UnionType, tuple):
        for inner in get_args(hint):
            yield from marked_personal(inner, path)
    elif dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint, include_extras=True)
        for field in dataclasses.fields(hint):
            yield from marked_personal(hints[field.name], f"{path}.{field.name}")


@pytest.mark.parametrize("kind", EVENT_TYPES, ids=lambda kind: kind.type)
def test_every_field_the_domain_marks_personal_is_withheld(kind: Any) -> None:
    hints = get_type_hints(kind.event, include_extras=True)
    for name in own_fields(kind.event):
        for path in marked_personal(hints[name], name):
            assert any(path == w or path.startswith(w + ".") for w in kind.withheld_paths), path


def test_type_names_are_the_documented_ones_and_never_change() -> None:
    assert [kind.type for kind in EVENT_TYPES] == STABLE_TYPES
    assert [row["type"] for row in type_table()] == STABLE_TYPES
    assert all(row["description"] for row in type_table())


# -- the mapping, on an example of every event class ----------------------------------------

MOMENT = datetime(2027, 1, 11, 2, 0, tzinfo=UTC)


def example(hint: Any, path: str, leaves: dict[str, str]) -> Any:
    """A value of type ``hint``; each text, date and id unique to its ``path`` and noted in
    ``leaves`` (path → its JSON text), so that a test can look for it in the output."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return example(next(a for a in args if a is not type(None)), path, leaves)
    if origin is tuple:
        return (example(args[0], f"{path}[0]", leaves),)
    if origin is dict:
        return {"k": example(str, f"{path}.k", leaves)}
    if hint is str or hint is Any:
        leaves[path] = f"«{path}»"
        return leaves[path]
    if hint is int:
        return 3
    if hint is bool:
        return True
    if hint is datetime:
        return MOMENT
    if hint is date:
        value = date(1900, 1, 1) + timedelta(days=len(leaves) + 1)
        leaves[path] = value.isoformat()
        return value
    if hint is UUID:
        value = uuid5(NAMESPACE_URL, path)
        leaves[path] = str(value)
        return value
    if isinstance(hint, type) and issubclass(hint, Enum):
        return next(iter(hint))
    if dataclasses.is_dataclass(hint):
        hints = get_type_hints(hint)
        fields = {
            f.name: example(hints[f.name], f"{path}.{f.name}", leaves)
            for f in dataclasses.fields(hint)
        }
        return hint(**fields)
    raise TypeError(f"no example of {hint} at {path}")


def recorded_example(event_class: type[Any]) -> tuple[RecordedEvent, Any, dict[str, str]]:
    leaves: dict[str, str] = {}
    hints = get_type_hints(event_class)
    fields = {name: example(hints[name], name, leaves) for name in own_fields(event_class)}
    stream_id = uuid5(NAMESPACE_URL, event_class.__qualname__)
    if "originator_topic" in {f.name for f in dataclasses.fields(event_class)}:
        fields["originator_topic"] = "some.aggregate:Topic"
    event = event_class(originator_id=stream_id, originator_version=4, timestamp=MOMENT, **fields)
    recorded = RecordedEvent(
        position=41,
        stream_id=stream_id,
        stream_type="Stream",
        version=4,
        event_id=uuid5(NAMESPACE_URL, f"event/{event_class.__qualname__}"),
        type=get_topic(event_class),
        payload=b"{}",
        metadata={"actor": {"sub": "«metadata.sub»", "role": "clerk", "unit": "02644"}},
        recorded_at=MOMENT,
        hash=b"",
    )
    return recorded, event, leaves


@pytest.mark.parametrize("event_class", [e for _, e in EVENTS], ids=lambda e: e.__qualname__)
def test_no_withheld_value_leaves_in_a_cloud_event(event_class: type[Any]) -> None:
    recorded, event, leaves = recorded_example(event_class)
    mapped = cloud_event(recorded, event)
    kind = BY_TOPIC.get(recorded.type)
    if kind is None:
        assert mapped is None  # an unpublished stream: nothing at all
        return
    assert mapped is not None
    text = json.dumps(mapped, ensure_ascii=False)
    assert "«metadata.sub»" not in text
    for path, value in leaves.items():
        withheld = any(
            path == w or path.startswith((w + ".", w + "[")) for w in kind.withheld_paths
        )
        if withheld:
            assert value not in text, f"{path} leaked"
        elif path.split(".")[0] != "actor" or path in kind.data_paths:
            assert value in text, f"{path} is public but missing"


def test_a_cloud_event_has_the_attributes_consumers_rely_on() -> None:
    from domain.dossiers.dossier import Dossier

    recorded, event, _ = recorded_example(Dossier.Received)
    mapped = cloud_event(recorded, event, source="https://motcua.laocai.gov.vn")
    assert mapped == {
        "specversion": "1.0",
        "id": str(recorded.event_id),
        "source": "https://motcua.laocai.gov.vn",
        "type": "vn.gov.motcua.dossier.received",
        "subject": str(recorded.stream_id),
        "time": "2027-01-11T02:00:00+00:00",
        "datacontenttype": "application/json",
        "position": 41,
        "streamversion": 4,
        "unit": "«actor.unit»",
        "data": {
            "due_date": mapped["data"]["due_date"],
            "form_sha256": "«form_sha256»",
            "fee_due_vnd": event.fee_due_vnd,
            "actor": {"role": event.actor.role.value, "unit": "«actor.unit»"},
        },
    }
    assert routing_key(mapped) == "dossier.received.«actor.unit»"
    # The same stored event always maps to the same CloudEvent (same id: consumers dedupe).
    assert cloud_event(recorded, event, source="https://motcua.laocai.gov.vn") == mapped
