# Sourced by scripts/test: what the tests talk to besides PostgreSQL (which
# tests/postgres_server.py finds or starts itself). RabbitMQ on 127.0.0.1:5672 for the
# broker's tests, npm to fetch axe-core for the pages' accessibility checks, pgbouncer for
# tests/cluster (which starts its own, on loopback); installed with apt and started when
# missing, so a fresh Debian box runs the whole suite.
rabbitmq_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

test_needs=()
command -v rabbitmq-server >/dev/null || test_needs+=(rabbitmq-server)
command -v npm >/dev/null || test_needs+=(npm)
[ -x /usr/sbin/pgbouncer ] || test_needs+=(pgbouncer)
if [ ${#test_needs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${test_needs[@]}" >/dev/null
  else
    echo "the tests need: ${test_needs[*]} (apt-get install them as root)" >&2
    exit 1
  fi
fi
if ! rabbitmq_up; then
  rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do rabbitmq_up && break; sleep 1; done
  rabbitmq_up || { echo "RabbitMQ did not start on 127.0.0.1:5672" >&2; exit 1; }
fi
