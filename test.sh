#!/usr/bin/env bash
# Runs every test of Waharoa: protocol and process tests on real Kestrel and TLS, the store suite on
# SQLite and on a real PostgreSQL, the instance tests on a real Redis, and the browser tests in Debian's
# Chromium. Installs what is missing first when we are root, starts PostgreSQL on a free loopback port for
# the run, and stops it at the end.
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need from Debian: Chromium (browser tests), PostgreSQL and Redis (store and instance tests),
# Node.js and npm (the openid-client interoperability tests).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v openssl >/dev/null || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]} for the tests..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
      echo "error: could not install ${missing[*]}" >&2; exit 1; }
  else
    echo "error: the tests need ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

# A throw-away PostgreSQL on a loopback port for this run, stopped when it ends (a PostgreSQL named by
# WAHAROA_TEST_POSTGRES is used instead when set). The Redis tests start their own redis-server processes
# on loopback ports, since they stop and restart them.
services=$(mktemp -d)
cleanup() {
  if [ -f "$services/pg/data/postmaster.pid" ]; then
    run_pg "$PGBIN/pg_ctl" -D "$services/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$services"
}
trap cleanup EXIT
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "${WAHAROA_TEST_POSTGRES:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgport=$(free_port)
  mkdir -p "$services/pg"
  echo waharoa > "$services/pg/pw"
  [ "$(id -u)" = 0 ] && chown -R postgres "$services" && chmod 755 "$services"
  run_pg "$PGBIN/initdb" -D "$services/pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$services/pg/pw" >"$services/pg/initdb.log" 2>&1 || { cat "$services/pg/initdb.log" >&2; exit 1; }
  # TLS too, with a certificate for localhost from a CA of the run's own, so a test can reach it as Waharoa reaches a
  # PostgreSQL on another machine (SSL Mode=VerifyFull); plain connections on loopback stay allowed.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Waharoa test PostgreSQL CA" \
    -keyout "$services/pg/ca.key" -out "$services/pg/ca.crt" >/dev/null 2>&1 &&
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$services/pg/server.key" -out "$services/pg/server.csr" >/dev/null 2>&1 &&
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$services/pg/san.ext" &&
  openssl x509 -req -in "$services/pg/server.csr" -CA "$services/pg/ca.crt" -CAkey "$services/pg/ca.key" -CAcreateserial \
    -days 2 -extfile "$services/pg/san.ext" -out "$services/pg/server.crt" >/dev/null 2>&1 ||
    { echo "error: openssl could not make PostgreSQL's test certificate" >&2; exit 1; }
  chmod 600 "$services/pg/server.key"
  [ "$(id -u)" = 0 ] && chown -R postgres "$services" && chmod 755 "$services" && chmod 644 "$services/pg/ca.crt"
  run_pg "$PGBIN/pg_ctl" -D "$services/pg/data" -l "$services/pg/log" -w -t 60 \
    -o "-p $pgport -c listen_addresses=127.0.0.1 -k $services/pg -c max_connections=400 -c fsync=on -c ssl=on -c ssl_cert_file=$services/pg/server.crt -c ssl_key_file=$services/pg/server.key" start >/dev/null ||
    { cat "$services/pg/log" >&2; exit 1; }
  export WAHAROA_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Password=waharoa"
  export WAHAROA_TEST_POSTGRES_CA="$services/pg/ca.crt"
  echo "PostgreSQL for the tests on 127.0.0.1:$pgport"
fi

# node's openid-client for the interoperability tests, at the versions its lock file pins.
(cd tests/interop/openid-client && npm ci --no-audit --no-fund --loglevel=error) || {
  echo "error: npm ci failed in tests/interop/openid-client" >&2; exit 1; }

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
