#!/usr/bin/env bash
# A throwaway RabbitMQ node as root, beside any system broker, with the repo's rabbitmq.conf.
#   source deploy/broker.sh; broker_install; broker_start; ... ; broker_stop
# After broker_start: EVENTBRIDGE_RABBITMQ (amqp URI), BROKER_PORT, BROKER_DIR are exported.
# Debian's rabbitmq-server has no delayed-message-exchange plugin: nothing in EventBridge may need it.

broker_install() {
  if [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then return 0; fi
  echo "[broker] installing rabbitmq-server with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || return 1
  # A system broker started by the package would hold 5672; ours picks a free port anyway.
  apt-get install -y -qq rabbitmq-server >/dev/null || return 1
}

broker_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

broker_start() {
  local repo; repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  BROKER_PORT=${BROKER_PORT:-$(broker_free_port)}
  BROKER_DIST_PORT=$(broker_free_port)
  BROKER_DIR=$(mktemp -d /tmp/eventbridge-broker.XXXXXX)
  BROKER_NODE="eventbridge-$BROKER_PORT@localhost"
  mkdir -p "$BROKER_DIR"/{mnesia,log,home}
  : > "$BROKER_DIR/rabbitmq-env.conf"
  echo "[rabbitmq_management]." > "$BROKER_DIR/enabled_plugins"
  [ "${BROKER_MANAGEMENT:-0}" = 1 ] || echo "[]." > "$BROKER_DIR/enabled_plugins"
  # The conf pins 5672; the node port below wins only if the conf names none, so write a copy without it.
  grep -v '^listeners.tcp.default' "$repo/rabbitmq.conf" > "$BROKER_DIR/rabbitmq.conf"
  echo "listeners.tcp.default = 127.0.0.1:$BROKER_PORT" >> "$BROKER_DIR/rabbitmq.conf"
  if [ "${BROKER_MANAGEMENT:-0}" = 1 ]; then
    BROKER_MANAGEMENT_PORT=${BROKER_MANAGEMENT_PORT:-$(broker_free_port)}
    echo "management.tcp.ip = 127.0.0.1" >> "$BROKER_DIR/rabbitmq.conf"
    echo "management.tcp.port = $BROKER_MANAGEMENT_PORT" >> "$BROKER_DIR/rabbitmq.conf"
    export BROKER_MANAGEMENT_PORT
  fi
  chown -R rabbitmq:rabbitmq "$BROKER_DIR" 2>/dev/null || true
  export BROKER_DIR BROKER_PORT BROKER_NODE BROKER_DIST_PORT
  broker_env() {
    env HOME="$BROKER_DIR/home" RABBITMQ_NODENAME="$BROKER_NODE" RABBITMQ_NODE_PORT="$BROKER_PORT" \
      RABBITMQ_DIST_PORT="$BROKER_DIST_PORT" RABBITMQ_MNESIA_BASE="$BROKER_DIR/mnesia" RABBITMQ_LOG_BASE="$BROKER_DIR/log" \
      RABBITMQ_CONFIG_FILE="$BROKER_DIR/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$BROKER_DIR/enabled_plugins" \
      RABBITMQ_PID_FILE="$BROKER_DIR/rabbitmq.pid" RABBITMQ_CONF_ENV_FILE="$BROKER_DIR/rabbitmq-env.conf" "$@"
  }
  echo "[broker] starting $BROKER_NODE on 127.0.0.1:$BROKER_PORT (data in $BROKER_DIR)"
  broker_env /usr/lib/rabbitmq/bin/rabbitmq-server > "$BROKER_DIR/server.out" 2>&1 &
  BROKER_PID=$!
  # await_startup fails at once while the node is not yet known to epmd, so ask until it answers.
  local deadline=$(( SECONDS + 120 ))
  until broker_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$BROKER_NODE" await_startup --timeout 60 >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$BROKER_PID" 2>/dev/null; then
      echo "[broker] did not start; last lines of its output:" >&2
      tail -20 "$BROKER_DIR/server.out" >&2
      return 1
    fi
    sleep 1
  done
  export EVENTBRIDGE_RABBITMQ="amqp://guest:guest@127.0.0.1:$BROKER_PORT/"
  # Tests that restart the broker call this: "$EVENTBRIDGE_BROKER_CTL" stop_app / start_app / list_queues ...
  EVENTBRIDGE_BROKER_CTL="$BROKER_DIR/rabbitmqctl.sh"
  cat > "$EVENTBRIDGE_BROKER_CTL" <<CTL
#!/usr/bin/env bash
exec env HOME="$BROKER_DIR/home" RABBITMQ_NODENAME="$BROKER_NODE" RABBITMQ_CONF_ENV_FILE="$BROKER_DIR/rabbitmq-env.conf" \\
  /usr/lib/rabbitmq/bin/rabbitmqctl -n "$BROKER_NODE" "\$@"
CTL
  chmod +x "$EVENTBRIDGE_BROKER_CTL"
  export EVENTBRIDGE_BROKER_CTL
  echo "[broker] ready: $EVENTBRIDGE_RABBITMQ"
}

# Restarts the node in place (same data), for tests of broker restarts.
broker_restart() {
  broker_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$BROKER_NODE" stop_app >/dev/null
  broker_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$BROKER_NODE" start_app >/dev/null
}

broker_stop() {
  [ -n "${BROKER_NODE:-}" ] || return 0
  broker_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$BROKER_NODE" shutdown >/dev/null 2>&1 \
    || kill "${BROKER_PID:-0}" 2>/dev/null || true
  wait "${BROKER_PID:-0}" 2>/dev/null || true
  rm -rf "$BROKER_DIR"
  echo "[broker] stopped"
  BROKER_NODE=
}
