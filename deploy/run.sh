#!/usr/bin/env bash
# The main job on one machine: RabbitMQ + the EventBridge worker (+ the embedded Genesys simulator when no
# Genesys credentials are configured) + a short demo scenario. Runs until Ctrl-C, then stops everything.
# Real org: export Genesys__ClientId, Genesys__ClientSecret, Genesys__Region (and WrapUp__QueueIds__0=...).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source deploy/prerequisites.sh
source deploy/broker.sh

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
ours=("$worker_url")
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
worker_pid=
cleanup() {
  # SIGTERM lets the worker finish what is in flight (it exits within its 30 s shutdown timeout).
  if [ -n "$worker_pid" ]; then kill -TERM "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true; worker_pid=; fi
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
dotnet build src/EventBridge.Worker -c Release -nologo -clp:ErrorsOnly -o artifacts/worker
# The worker itself, not 'dotnet run', so Ctrl-C and the trap reach the process that holds the ports.
dotnet artifacts/worker/EventBridge.Worker.dll --contentRoot "$repo/src/EventBridge.Worker" --urls "$worker_url" &
worker_pid=$!

echo "[run] waiting for the worker at $worker_url"
until curl -fsS "$worker_url/health/ready" >/dev/null 2>&1; do
  kill -0 "$worker_pid" 2>/dev/null || { echo "[run] the worker stopped; see its log above" >&2; exit 1; }
  sleep 1
done

if [ -z "${Genesys__ClientId:-}" ]; then
  echo "[run] playing the demo scenario against the embedded Genesys simulator"
  dotnet build src/EventBridge.Demo -c Release -nologo -clp:ErrorsOnly -o artifacts/demo
  dotnet artifacts/demo/EventBridge.Demo.dll "$EVENTBRIDGE_RABBITMQ" "$simulator_url" \
    || echo "[run] the demo did not end as expected (see the table above); the worker keeps running"
fi
echo "[run] EventBridge is running (worker $worker_url, broker $EVENTBRIDGE_RABBITMQ). Ctrl-C stops it."
echo "[run] dashboard: $worker_url/dashboard/   API: $worker_url/openapi/v1.json   metrics: $worker_url/metrics"
if [ -z "${Genesys__ClientId:-}" ] && [ -z "${Auth__Users__0__Name:-}" ]; then
  echo "[run] demo logins: support / support-demo (dead-letter actions), viewer / viewer-demo; API key publisher-demo-key"
fi
wait "$worker_pid"
