#!/usr/bin/env bash
# Load test of the API with wrk on loopback: authorized GET /api/v1/whoami
# (authenticate + authorize + durable audit event + JSON), and, as the peer in
# the same run, GET /api/v1/health (the bare HTTP stack: no token, no store,
# no event). Prints wrk's reports and a summary line per endpoint.
#
# Usage: bench/http_whoami.sh [BUILD_DIR] [DURATION_S] [CONNECTIONS]
set -euo pipefail
BUILD=${1:-build}
DURATION=${2:-10}
CONNS=${3:-64}
SLUICE="$BUILD/sluice"
command -v wrk >/dev/null || { echo "wrk missing: run scripts/setup" >&2; exit 1; }
[ -x "$SLUICE" ] || { echo "$SLUICE missing: run make build" >&2; exit 1; }

WORK=$(mktemp -d)
PORT=$(( 20000 + RANDOM % 20000 ))
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$SLUICE" serve --data "$WORK/data" --listen "127.0.0.1:$PORT" \
  --access-log "$WORK/access.log" ${SLUICE_THREADS:+--threads $SLUICE_THREADS} 2>"$WORK/serve.err" &
PID=$!
for _ in $(seq 100); do
  [ -s "$WORK/data/admin.token" ] && curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break
  sleep 0.1
done
TOKEN=$(cat "$WORK/data/admin.token")

cat > "$WORK/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }  # utime + stime

run() {  # name path
  local out="$WORK/$1.out" before after
  before=$(cpu_ticks)
  wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$WORK/auth.lua" \
    "http://127.0.0.1:$PORT$2" > "$out"
  after=$(cpu_ticks)
  cat "$out"
  local rps p50 p99 total us
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1=="50%" {print $2}' "$out")
  p99=$(awk '$1=="99%" {print $2}' "$out")
  total=$(awk '/requests in/ {print $1}' "$out")
  # Server CPU time per request: robust on a shared, noisy machine where
  # throughput depends on what else runs.
  us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$total" \
    'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  echo "SUMMARY $1 req/s=$rps p50=$p50 p99=$p99 server_cpu_us_per_req=$us"
}

run health /api/v1/health
run whoami /api/v1/whoami
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
echo "events recorded: $(wc -l < "$WORK/data/audit/events.log")"
