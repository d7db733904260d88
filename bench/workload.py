"""The one command every scenario stores: two events of a new stream, shaped like a
dossier being received (about 200 bytes of payload each, a little metadata), with
event ids as the application makes them (time-ordered); the raw baselines' rows keep
random ones."""

from __future__ import annotations

import json
import os
import uuid

from application.ports import NewEvent, StreamAppend
from application.repository import new_event_id

PAYLOADS = (b'{"procedure":"1.001"}' * 10, b'{"lookup":"AB12CD"}' * 10)
TYPES = ("DossierReceived", "ReceiptIssued")
METADATA = {"actor": "officer-17", "correlation_id": "3f2c9a"}
METADATA_JSON = json.dumps(METADATA, separators=(",", ":"))
STREAM_TYPE = "dossier"
EVENT_COLUMNS = (
    "position",
    "stream_id",
    "stream_type",
    "version",
    "event_id",
    "event_type",
    "payload",
    "metadata",
    "recorded_at",
    "hash",
)
"""The events table's columns, in the order COPY gets them."""


def motcua_command() -> list[StreamAppend]:
    """One append for Motcua's store."""
    events = [
        NewEvent(new_event_id(), version, TYPES[version - 1], PAYLOADS[version - 1], METADATA)
        for version in (1, 2)
    ]
    return [StreamAppend(uuid.uuid4(), STREAM_TYPE, 0, events)]


def raw_rows() -> list[tuple[object, ...]]:
    """The command's two rows for a raw insert into a table shaped like ours, without
    position and recorded_at (the database fills them in); a random hash stands in for
    the chain."""
    stream_id = uuid.uuid4()
    return [
        (
            stream_id,
            STREAM_TYPE,
            version,
            uuid.uuid4(),
            TYPES[version - 1],
            PAYLOADS[version - 1],
            METADATA_JSON,
            os.urandom(32),
        )
        for version in (1, 2)
    ]
