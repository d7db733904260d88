"""The catch-up peer: eventsourcing 9.5's own ``ProjectionRunner`` over the same log.

Run in a child process of ``motcua_catchup`` (its threads and psycopg pool stay out of
the rebuild's memory):

    python -m bench.peer_projection --dsn URL --schema NAME --events N --seconds S

The dossier log already in ``events`` is copied, position for notification id, into
the table of an eventsourcing ``Application`` on eventsourcing's PostgreSQL recorder
(``dossierlog_events``); its mapper is ours, so it decodes the very domain events our
projections get. The view is the simplest comparable one: a count of events per topic,
a ``PostgresTrackingRecorder`` that upserts the count and the tracking row in one
transaction per event, which is how eventsourcing's runner applies a projection. The
runner starts from notification 0 and is stopped after ``--seconds`` or ``--events``,
whichever comes first; prints ``{"events", "seconds", "rate"}``.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import JSONTranscoder, Tracking, Transcoder
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.projection import Projection, ProjectionRunner
from eventsourcing.utils import get_topic
from psycopg.sql import SQL, Identifier

from application.encoding import new_transcoder
from bench.context import connection_parts

APPLICATION = "DossierLog"
_COPY_LOG = (
    "INSERT INTO {0}.{1} (originator_id, originator_version, topic, state, notification_id) "
    "SELECT stream_id, version, event_type, payload, position FROM {0}.events ORDER BY position"
)
_COUNT = (
    "INSERT INTO {0}.event_counts (topic, n) VALUES (%s, 1) "
    "ON CONFLICT (topic) DO UPDATE SET n = event_counts.n + 1"
)


class DossierLog(Application[Any]):
    name = APPLICATION

    def construct_transcoder(self) -> Transcoder:
        transcoder: JSONTranscoder = new_transcoder()
        return transcoder


class EventCounts(PostgresTrackingRecorder):
    """A count per event topic, and eventsourcing's tracking row, in one transaction."""

    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        schema = Identifier(self.datastore.schema)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0}.event_counts "
                "(topic text PRIMARY KEY, n bigint NOT NULL)"
            ).format(schema)
        )
        self._count = SQL(_COUNT).format(schema)

    def count(self, topic: str, tracking: Tracking) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(self._count, (topic,), prepare=True)
            self._insert_tracking(cursor, tracking)


class CountProjection(Projection[EventCounts]):
    name = "EventCounts"

    def process_event(self, domain_event: DomainEventProtocol[Any], tracking: Tracking) -> None:
        self.view.count(get_topic(type(domain_event)), tracking)


def _environment(dsn: str, schema: str) -> dict[str, str]:
    parts = connection_parts(dsn)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parts["dbname"],
        "POSTGRES_HOST": parts["host"],
        "POSTGRES_PORT": str(parts["port"]),
        "POSTGRES_USER": parts["user"],
        "POSTGRES_PASSWORD": parts["password"],
        "POSTGRES_SCHEMA": schema,
    }


def _copy_log(env: dict[str, str], schema: str) -> None:
    app = DossierLog(env)  # creates dossierlog_events
    try:
        table = Identifier(f"{APPLICATION.lower()}_events")
        statement = SQL(_COPY_LOG).format(Identifier(schema), table)
        with app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
            cursor.execute(statement)
            cursor.execute(SQL("ANALYZE {0}.{1}").format(Identifier(schema), table))
    finally:
        app.close()


def measure(dsn: str, schema: str, events: int, seconds: float) -> dict[str, float]:
    env = _environment(dsn, schema)
    _copy_log(env, schema)
    started, done = time.perf_counter(), 0
    with ProjectionRunner(
        application_class=DossierLog,
        projection_class=CountProjection,
        view_class=EventCounts,
        env=env,
    ) as runner:
        while done < events and time.perf_counter() - started < seconds:
            time.sleep(0.2)
            done = runner.view.max_tracking_id(APPLICATION) or 0
        took = time.perf_counter() - started
    return {"events": done, "seconds": took, "rate": done / took}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    arguments = parser.parse_args()
    print(json.dumps(measure(arguments.dsn, arguments.schema, arguments.events, arguments.seconds)))
