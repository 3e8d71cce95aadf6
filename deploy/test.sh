#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing (rabbitmq-server, postgresql, Node.js, Debian's
# chromium, promtool from Debian's prometheus package), starts a throwaway RabbitMQ and a throwaway PostgreSQL on free
# ports, runs every test project, stops both even on failure, and ends with one line: "Tests: N passed, N failed,
# N skipped".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source deploy/prerequisites.sh
source deploy/broker.sh
source deploy/postgres.sh

prerequisites_install --with-browser
promtool_install
broker_install
postgres_install
broker_start
trap 'postgres_stop; broker_stop' EXIT
postgres_start

export MASSTRANSIT_USAGE_TELEMETRY=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
results="$repo/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

status=0
dotnet build EventBridge.sln -c Release -nologo -clp:ErrorsOnly || exit 1
# One test project at a time: the fault tests restart the broker node and load the 2 cores; running projects side by
# side would let one project's faults fail another's tests.
for project in $(find tests -name '*.Tests.csproj' | sort); do
  echo "[test] $project"
  dotnet test "$project" -c Release --no-build -nologo \
    --blame-hang-timeout 10m --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?
done

# The browser tests' screenshots (also attached to their trx results), in one place for a reviewer.
screenshots="tests/EventBridge.Dashboard.Tests/bin/Release/net10.0/screenshots"
if [ -d "$screenshots" ]; then cp -r "$screenshots" "$results/screenshots"; echo "[test] screenshots: $results/screenshots"; fi

bash deploy/summarize-trx.sh "$results"
exit $status
