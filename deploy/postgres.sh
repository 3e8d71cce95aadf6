#!/usr/bin/env bash
# A throwaway PostgreSQL server as root, beside any system one, on a free port; its data goes with postgres_stop.
#   source deploy/postgres.sh; postgres_install; postgres_start; ... ; postgres_stop
# After postgres_start: EVENTBRIDGE_POSTGRES (an Npgsql connection string to database postgres as user postgres),
# POSTGRES_PORT and POSTGRES_DIR are exported. fsync is off: the data is thrown away at the end of the run anyway.

postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

postgres_install() {
  if [ -n "$(postgres_bin)" ] && [ -x "$(postgres_bin)/pg_ctl" ]; then return 0; fi
  echo "[postgres] installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || return 1
  # The package's own cluster would hold 5432; ours picks a free port anyway.
  apt-get install -y -qq postgresql >/dev/null || return 1
}

postgres_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

postgres_start() {
  local bin; bin="$(postgres_bin)"
  POSTGRES_PORT=${POSTGRES_PORT:-$(postgres_free_port)}
  POSTGRES_DIR=$(mktemp -d /tmp/eventbridge-postgres.XXXXXX)
  # initdb refuses to run as root: the server runs as the package's postgres user, owner of the data folder.
  chown postgres:postgres "$POSTGRES_DIR"
  chmod 0700 "$POSTGRES_DIR"
  echo "[postgres] starting on 127.0.0.1:$POSTGRES_PORT (data in $POSTGRES_DIR)"
  if ! runuser -u postgres -- "$bin/initdb" -D "$POSTGRES_DIR/data" -A trust -U postgres --no-sync >"$POSTGRES_DIR/initdb.out" 2>&1; then
    echo "[postgres] initdb failed:" >&2; tail -20 "$POSTGRES_DIR/initdb.out" >&2; return 1
  fi
  if ! runuser -u postgres -- "$bin/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w -t 60 \
      -o "-p $POSTGRES_PORT -k $POSTGRES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
    echo "[postgres] did not start; last lines of its log:" >&2; tail -20 "$POSTGRES_DIR/server.log" >&2; return 1
  fi
  export POSTGRES_PORT POSTGRES_DIR
  export EVENTBRIDGE_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=postgres"
  echo "[postgres] ready: 127.0.0.1:$POSTGRES_PORT"
}

postgres_stop() {
  [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR/data" ] || return 0
  runuser -u postgres -- "$(postgres_bin)/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$POSTGRES_DIR"
}
