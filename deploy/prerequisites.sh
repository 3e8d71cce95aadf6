#!/usr/bin/env bash
# What EventBridge's commands need beyond the .NET SDK, installed from Debian's packages when missing.

prerequisites_install() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://dot.net); install it and run this again." >&2
    return 1
  fi
  local missing=()
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  # The dashboard's browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
  if [ "${1:-}" = "--with-browser" ]; then [ -x /usr/bin/chromium ] || missing+=(chromium); fi
  # The deploy-file tests: systemd-analyze verifies the unit offline.
  if [ "${1:-}" = "--with-browser" ]; then command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd); fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[prerequisites] installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# promtool (docs/ALERTS.md's rules are checked with it): Debian's prometheus package ships it. Only the binary is taken
# from the package (apt-get download, dpkg-deb -x into artifacts/tools/prometheus), so installing it starts no
# Prometheus server and pulls in nothing else.
promtool_install() {
  local repo target
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  target="$repo/artifacts/tools/prometheus"
  if command -v promtool >/dev/null 2>&1 || [ -x "$target/usr/bin/promtool" ]; then return 0; fi
  echo "[prerequisites] fetching promtool from Debian's prometheus package"
  local scratch
  scratch="$(mktemp -d)"
  (cd "$scratch" && apt-get download prometheus >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get download prometheus >/dev/null; }) &&
    mkdir -p "$target" && dpkg-deb -x "$scratch"/prometheus_*.deb "$target"
  local status=$?
  rm -rf "$scratch"
  return $status
}
