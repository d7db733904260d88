"""A stored event as a CloudEvents 1.0 event (structured mode, JSON), for the broker, the
feed and the webhooks alike. Pure: the same stored event always gives the same dict.

- ``id``: the stored event's own id, so a consumer can drop what it already has (every
  outbound path delivers at least once);
- ``subject``: the stream id (a dossier's id follows from its code, see
  :meth:`Dossier.id_for`; the code itself is in ``dossier.submitted``'s data);
- ``time``: when it happened (the event's timestamp);
- extensions ``position`` (the global log position: resume after it), ``streamversion``
  (the event's number in its stream) and ``unit`` (where it happened: the acting unit);
- ``data``: only the public fields of :mod:`projections.outbound.event_types`.
"""

from __future__ import annotations

from typing import Any

from application.plain import plain
from application.ports import RecordedEvent
from projections.outbound.event_types import BY_TOPIC, PREFIX

SPECVERSION = "1.0"
DEFAULT_SOURCE = "/motcua"
NO_UNIT = "none"

CloudEvent = dict[str, Any]


def cloud_event(
    recorded: RecordedEvent, event: Any, source: str = DEFAULT_SOURCE
) -> CloudEvent | None:
    """``recorded`` (whose decoded domain event is ``event``) as a CloudEvent; None for an
    event that is not published."""
    kind = BY_TOPIC.get(recorded.type)
    if kind is None:
        return None
    return {
        "specversion": SPECVERSION,
        "id": str(recorded.event_id),
        "source": source,
        "type": kind.type,
        "subject": str(recorded.stream_id),
        "time": plain(getattr(event, "timestamp", None) or recorded.recorded_at),
        "datacontenttype": "application/json",
        "position": recorded.position,
        "streamversion": recorded.version,
        "unit": _unit(event),
        "data": pick(event, kind.data_paths),
    }


def routing_key(event: CloudEvent) -> str:
    """``<stream>.<event>.<unit>`` (API.md: ``dossier.received.080``): bind a queue with
    ``dossier.#`` for every dossier event, ``*.*.080`` for everything at one unit."""
    return f"{str(event['type']).removeprefix(PREFIX + '.')}.{event['unit']}"


def pick(event: Any, paths: tuple[str, ...]) -> dict[str, Any]:
    """The values at ``paths`` (``terms.valid_until``), nested as in the event, as JSON."""
    data: dict[str, Any] = {}
    for path in paths:
        *parents, leaf = path.split(".")
        value, into = event, data
        for name in parents:
            value = getattr(value, name)
            into = into.setdefault(name, {})
        into[leaf] = plain(getattr(value, leaf))
    return data


def _unit(event: Any) -> str:
    actor = getattr(event, "actor", None)
    unit = getattr(actor, "unit", None)
    return unit if isinstance(unit, str) and unit else NO_UNIT
