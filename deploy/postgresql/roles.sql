-- Run once on the primary (psql -f roles.sql). Behind pgbouncer in transaction mode the
-- API cannot set its session at connect, so the server's bounds are the role's: an
-- append waits at most 5 s for the events lock (MOTCUA_STORE_TIMEOUT_SECONDS), and no
-- statement runs longer than 30 s (the read models' bound; the event store's client
-- gives up after MOTCUA_STORE_TIMEOUT_SECONDS + 1 s anyway and cancels). Sessions
-- opened on MOTCUA_DIRECT_URL set their own at connect, as without a pooler.
CREATE ROLE motcua LOGIN PASSWORD 'change-me';
ALTER ROLE motcua SET lock_timeout = '5s';
ALTER ROLE motcua SET statement_timeout = '30s';
-- asyncpg turns JIT off around its type introspection with a SET and a query apart,
-- which pgbouncer may send to two server connections: the query then compiles for
-- seconds (past the store's time-out on a busy machine) and the SET stays behind.
ALTER ROLE motcua SET jit = off;
CREATE DATABASE motcua OWNER motcua;
CREATE ROLE replicator LOGIN REPLICATION PASSWORD 'change-me-too';
