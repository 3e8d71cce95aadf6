#!/usr/bin/env bash
# The performance table on a fresh machine: installs what is missing (as deploy/test.sh does), starts a throwaway
# RabbitMQ and a throwaway PostgreSQL on free ports, builds Release, runs every measurement (intake, ingest, latency, memory, recovery),
# prints ONE table and writes it, with the machine and per-row notes, into docs/PERFORMANCE.md.
#   bash bench/run.sh            full run
#   bash bench/run.sh --quick    fewer rounds and samples (a few minutes)
#   bash bench/run.sh --bdn      BenchmarkDotNet for the ingest micro part only (no broker needed)
#   bash bench/run.sh --only Economy   one measurement (Intake, Ingest, Latency, Memory, Recovery, Economy, Sustained, Cluster):
#                                its rows and notes replaced in docs/PERFORMANCE.md, with a line saying when and on which commit
#   bash bench/run.sh --only Memory [--memory-intents N] [--embedded-simulator]   diagnosis variants of the memory row
#                                (N = 0: the empty worker), written to docs/PERFORMANCE.only-memory.md
#   bash bench/run.sh --only Latency --latency-background N   diagnosis variant of the latency row (N new conversations
#                                a second on the subscribed queue while sampling; the row uses 1,000), written to
#                                docs/PERFORMANCE.only-latency.md
#   bash bench/run.sh --only Economy --economy-trace /tmp/burst.tsv   the burst row plus a per-conversation timeline
#                                (and every logged Genesys call in /tmp/burst.tsv.requests), for reading a tail
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source deploy/prerequisites.sh
source deploy/broker.sh
source deploy/postgres.sh
export MASSTRANSIT_USAGE_TELEMETRY=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

prerequisites_install
dotnet build bench/EventBridge.Bench/EventBridge.Bench.csproj -c Release -nologo -clp:ErrorsOnly
bench="bench/EventBridge.Bench/bin/Release/net10.0/EventBridge.Bench.dll"

if [[ " $* " == *" --bdn "* ]]; then
  cd bench/EventBridge.Bench/bin/Release/net10.0 && exec dotnet EventBridge.Bench.dll --bdn
fi

broker_install
broker_start
# The cluster rows run worker processes on one PostgreSQL: a throwaway server beside the throwaway broker.
postgres_install
postgres_start
trap 'postgres_stop; broker_stop' EXIT
export EVENTBRIDGE_COMMIT="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
# --only X replaces X's rows in the whole table and says so (diagnosis variants write beside it).
dotnet "$bench" "$@" --out "$repo/docs/PERFORMANCE.md"
