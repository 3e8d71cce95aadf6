#!/usr/bin/env bash
# Adds up the TRX files of one run into the single closing line CI reads. Before it, every failed test by name with the
# first lines of its message: a CI log is often kept only in part, and a failure that does not name itself there cannot
# be reproduced.
set -euo pipefail
dir=$1
passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$(( passed + $(get passed) ))
  failed=$(( failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
  skipped=$(( skipped + $(get notExecuted) ))
  # A failed result: <UnitTestResult ... testName="..." ... outcome="Failed" ...> ... <Message>...</Message>.
  awk '
    /<UnitTestResult / && /outcome="Failed"/ {
      name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name)
      print "[failed] " name; failing = 1; lines = 0; next
    }
    failing && /<Message>/ { inMessage = 1; sub(/.*<Message>/, "") }
    failing && inMessage {
      done = sub(/<\/Message>.*/, "")
      if (lines < 12) print "         " $0
      lines++
      if (done) { inMessage = 0; failing = 0 }
    }
    failing && /<\/UnitTestResult>/ { failing = 0; inMessage = 0 }
  ' "$trx" | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
