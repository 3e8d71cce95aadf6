#!/usr/bin/env bash
# A scripted conversation on the embedded simulator: it reaches after-call work, the worker sees the agent enter
# wrap-up over the notification WebSocket, and the oracle shows what Genesys recorded.
set -euo pipefail
sim=${1:-http://127.0.0.1:5077}
json() { curl -fsS -H 'Content-Type: application/json' "$@"; }

echo "[demo] a conversation on the demo queue: agent answers, customer ends, agent enters ACW"
result=$(json -X POST "$sim/sim/scenarios" -d '{"steps":[
  {"action":"createConversation"},
  {"action":"answer"},
  {"action":"customerEnds"},
  {"action":"waitFor","until":"acwPending","timeoutMs":10000}
]}')
echo "[demo] simulator: $result"
echo "[demo] oracle (what Genesys recorded): $(json "$sim/sim/oracle" | head -c 600)"
