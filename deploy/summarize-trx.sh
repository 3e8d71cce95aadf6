#!/usr/bin/env bash
# Adds up the TRX files of one run into the single closing line CI reads.
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
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
