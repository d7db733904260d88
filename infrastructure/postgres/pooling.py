"""How a pool connects: straight to PostgreSQL, or through a pooler in transaction mode.

Behind pgbouncer in transaction mode a client's consecutive transactions may run on
different server connections. So there is no statement cache (a named prepared
statement lives on one server connection; with the cache off asyncpg sends each
statement's Parse again with its Bind, in one message sequence), and no session
settings at connect: pgbouncer refuses startup parameters it does not know, and a
session's ``SET`` would stay behind for the next client of that server connection.
``lock_timeout`` and ``statement_timeout`` are then the role's (``ALTER ROLE ... SET``,
deploy/postgresql/roles.sql); the client's own time-outs still bound every call. So is
``jit = off``: asyncpg turns JIT off around its type introspection by a ``set_config``
and a query apart, which the pooler may send to two server connections; the query then
compiles for seconds. Session state (advisory locks, ``LISTEN``) never goes through the
pooler: it takes a direct URL.

So nothing a pooled connection did outlives its transaction, and a connection going back
to the pool is not reset with a query: asyncpg's default sends ``pg_advisory_unlock_all``,
``CLOSE ALL``, ``UNLISTEN *`` and ``RESET ALL`` on every release, a round trip that each
projection's transaction and each append paid for nothing (five per HTTP filing). An
open transaction is still rolled back on release (asyncpg does that before the reset).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def pool_arguments(server_settings: Mapping[str, str], *, pooled: bool) -> dict[str, Any]:
    """``asyncpg.create_pool``'s arguments for these session settings."""
    if pooled:
        return {"statement_cache_size": 0, "reset": keep_session}
    return {"server_settings": dict(server_settings), "reset": keep_session}


async def keep_session(connection: Any) -> None:
    """Nothing to undo on a released connection (see above): no reset query."""


CLIENT_MARGIN = 1.0
"""Seconds the client waits past the server's own timeouts before giving up on it."""


def client_bounds(statement_timeout: float) -> dict[str, float]:
    """``asyncpg.create_pool``'s own time-outs: a connect, and every statement a little
    after the server's ``statement_timeout``, so that a call ends even when the server
    answers nothing at all (frozen, or a silent network) rather than when it thaws."""
    return {"timeout": statement_timeout, "command_timeout": statement_timeout + CLIENT_MARGIN}
