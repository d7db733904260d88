"""A primary and its streaming standby, private clusters of the reliability suite
(:class:`tests.reliability.cluster.PrivateCluster`), and the waits a test needs on them."""

from __future__ import annotations

import time
from dataclasses import dataclass

from tests.postgres_server import with_database
from tests.reliability.cluster import ClusterError, PrivateCluster, fetch


@dataclass
class Replicated:
    primary: PrivateCluster
    standby: PrivateCluster

    @classmethod
    def start(cls) -> Replicated:
        primary = PrivateCluster.start()
        try:
            return cls(primary, PrivateCluster.standby_of(primary))
        except BaseException:
            primary.destroy()
            raise

    def make_synchronous(self) -> None:
        """``synchronous_standby_names = '*'`` on the primary, set after the base backup
        (so the standby, once promoted, does not wait for a standby it lacks); returns
        once the standby streams as the synchronous one."""
        self.primary.set_system("synchronous_standby_names", "*")
        self.wait_streaming("sync")

    def wait_streaming(self, state: str = "async") -> None:
        deadline = time.monotonic() + 30.0
        query = "SELECT sync_state FROM pg_stat_replication WHERE state = 'streaming'"
        while [row[0] for row in fetch(self.primary.dsn, query)] != [state]:
            if time.monotonic() > deadline:
                raise ClusterError(f"the standby does not stream as {state!r}")
            time.sleep(0.05)  # polling the standby's arrival against the deadline

    def multi_host(self, database_url: str) -> str:
        """The database's URL naming both servers, connecting to the one that accepts
        writes: how the API finds the primary again after a failover."""
        database = database_url.rsplit("/", 1)[1]
        hosts = f"127.0.0.1:{self.primary.port},127.0.0.1:{self.standby.port}"
        return f"postgresql://postgres@{hosts}/{database}?target_session_attrs=read-write"

    def on_standby(self, database_url: str) -> str:
        return with_database(self.standby.dsn, database_url.rsplit("/", 1)[1])

    def destroy(self) -> None:
        self.standby.destroy()
        self.primary.destroy()
