#!/usr/bin/env bash
# The main job on one machine: RabbitMQ + the EventBridge worker (+ the embedded Genesys simulator when no
# Genesys credentials are configured) + a short demo scenario. Runs until Ctrl-C, then stops everything.
# Real org: export Genesys__ClientId, Genesys__ClientSecret, Genesys__Region (and WrapUp__QueueIds__0=...).
#   bash deploy/run.sh             one worker on SQLite
#   bash deploy/run.sh --cluster   a throwaway PostgreSQL + 3 workers on it (one listens, holding the lease), the
#                                  simulator embedded in the first one and shared by all three
set -euo pipefail
cluster=false
for arg in "$@"; do
  case "$arg" in
    --cluster) cluster=true ;;
    *) echo "[run] unknown option '$arg' (known: --cluster)" >&2; exit 2 ;;
  esac
done
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source deploy/prerequisites.sh
source deploy/broker.sh
source deploy/postgres.sh

# One run at a time: a second one would build over the running worker's files and report the crash it caused.
mkdir -p "$repo/.run"
exec 9>"$repo/.run/run.lock"
if ! flock -n 9; then
  echo "[run] another deploy/run.sh is running from $repo (it holds .run/run.lock): stop it with Ctrl-C first" >&2
  exit 1
fi
worker_url="${EVENTBRIDGE_URL:-http://127.0.0.1:5080}"
simulator_url="${EmbeddedSimulator__Url:-http://127.0.0.1:5077}"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
worker_urls=("$worker_url")
if $cluster; then
  base_port="${worker_url##*:}"; base_port="${base_port%%/*}"
  worker_urls+=("${worker_url%:*}:$((base_port + 1))" "${worker_url%:*}:$((base_port + 2))")
fi
ours=("${worker_urls[@]}")
[ -n "${Genesys__ClientId:-}" ] || ours+=("$simulator_url")
for url in "${ours[@]}"; do
  port="${url##*:}"; port="${port%%/*}"
  if port_in_use "$port"; then
    echo "[run] port $port ($url) is in use by another program: stop it, or set EVENTBRIDGE_URL / EmbeddedSimulator__Url" >&2
    exit 1
  fi
done

prerequisites_install
broker_install
BROKER_PORT=${BROKER_PORT:-5672}
if (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; then BROKER_PORT=$(broker_free_port); fi
broker_start
if $cluster; then postgres_install; postgres_start; fi
worker_pids=()
cleanup() {
  # SIGTERM lets each worker finish what is in flight (it exits within its 30 s shutdown timeout).
  for pid in "${worker_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  worker_pids=()
  $cluster && postgres_stop
  broker_stop
}
# Ctrl-C (SIGINT) and SIGTERM (systemd, docker stop, kill) both stop everything, then the script ends.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export MASSTRANSIT_USAGE_TELEMETRY=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export RabbitMq__Uri="$EVENTBRIDGE_RABBITMQ"
export Logging__Format="${Logging__Format:-text}"
export IntentStore__Path="${IntentStore__Path:-$repo/.run/eventbridge.db}"
export DeadLetters__Path="${DeadLetters__Path:-$repo/.run/eventbridge-deadletters.db}"
mkdir -p "$(dirname "$IntentStore__Path")"
if $cluster; then
  # One store for all three: intents, claims, dead letters, the shared request budget and the listener lease.
  export IntentStore__Provider=Postgres IntentStore__ConnectionString="$EVENTBRIDGE_POSTGRES"
fi
dotnet build src/EventBridge.Worker -c Release -nologo -clp:ErrorsOnly -o artifacts/worker
# The worker itself, not 'dotnet run', so Ctrl-C and the trap reach the process that holds the ports.
start_worker() {
  local url="$1"; shift
  env "$@" dotnet artifacts/worker/EventBridge.Worker.dll --contentRoot "$repo/src/EventBridge.Worker" --urls "$url" &
  worker_pids+=($!)
  echo "[run] waiting for the worker at $url"
  until curl -fsS "$url/health/ready" >/dev/null 2>&1; do
    kill -0 "${worker_pids[-1]}" 2>/dev/null || { echo "[run] the worker at $url stopped; see its log above" >&2; exit 1; }
    sleep 1
  done
}
start_worker "$worker_url"
for url in "${worker_urls[@]:1}"; do
  # The other replicas use the first one's embedded simulator as their Genesys, with its demo OAuth client: one
  # org, one request budget, one set of notification channels for all three.
  if [ -z "${Genesys__ClientId:-}" ]; then
    start_worker "$url" Genesys__ApiBaseUrl="$simulator_url" Genesys__ClientId=eventbridge-demo Genesys__ClientSecret=eventbridge-demo-secret
  else
    start_worker "$url"
  fi
done
if $cluster; then
  for url in "${worker_urls[@]}"; do
    role=$(curl -fsS "$url/health/ready" | sed -n 's/.*"listener":{"role":"\([A-Za-z]*\)".*/\1/p')
    echo "[run] $url: ${role:-unknown} (Holder listens for the cluster; a StandBy takes over within 15 s if it dies)"
  done
fi

if [ -z "${Genesys__ClientId:-}" ]; then
  echo "[run] playing the demo scenario against the embedded Genesys simulator"
  dotnet build src/EventBridge.Demo -c Release -nologo -clp:ErrorsOnly -o artifacts/demo
  dotnet artifacts/demo/EventBridge.Demo.dll "$EVENTBRIDGE_RABBITMQ" "$simulator_url" \
    || echo "[run] the demo did not end as expected (see the table above); the worker keeps running"
fi
echo "[run] EventBridge is running (worker ${worker_urls[*]}, broker $EVENTBRIDGE_RABBITMQ$($cluster && echo ", PostgreSQL 127.0.0.1:$POSTGRES_PORT")). Ctrl-C stops it."
echo "[run] dashboard: $worker_url/dashboard/   API: $worker_url/openapi/v1.json   metrics: $worker_url/metrics"
if [ -z "${Genesys__ClientId:-}" ] && [ -z "${Auth__Users__0__Name:-}" ]; then
  echo "[run] demo logins: support / support-demo (dead-letter actions), viewer / viewer-demo; API key publisher-demo-key"
fi
# Until Ctrl-C, or until a worker stops by itself (a lease holder that lost its lease exits 75 for a supervisor).
wait -n "${worker_pids[@]}"
