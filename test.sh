#!/usr/bin/env bash
# Runs every test of Waharoa: protocol and process tests on real Kestrel and TLS, and the browser
# tests in Debian's Chromium. Installs Chromium first when it is missing and we are root.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null || {
      echo "error: could not install chromium" >&2; exit 1; }
  else
    echo "error: the browser tests need /usr/bin/chromium (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
dotnet test Waharoa.slnx --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line for every test assembly together.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
