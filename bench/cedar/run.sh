#!/usr/bin/env bash
# Cedar benchmark, Sluice and cedar-wasm in one run over the same files.
#   bench/cedar/run.sh [BUILD_DIR]      (default: build; needs `make build`)
# Env: REPS (repetitions, default 5), PEER_BUDGET_MS (per workload and
# repetition, default 1000), OUT (output folder, default a temp dir).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
reps="${REPS:-5}"
out="${OUT:-$(mktemp -d)}"
bin="$build/bench/cedar/cedar_bench"
[[ -x "$bin" ]] || { echo "run.sh: $bin not built (make build)" >&2; exit 2; }
if [[ ! -d "$here/node_modules/@cedar-policy/cedar-wasm" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent)
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "output: $out"
"$bin" --write_workloads="$out/workloads"
"$bin" --benchmark_repetitions="$reps" --benchmark_out="$out/sluice.json" \
  --benchmark_out_format=json
# cedar-wasm converts the entities on every call; on (b) that recursion needs
# a larger stack than V8 reserves by default (else V8 aborts).
ulimit -s unlimited 2>/dev/null || ulimit -s 1048576 2>/dev/null || true
node --no-liftoff --stack-size=60000 "$here/peer.js" run "$out/workloads" "$out/peer.json" --reps="$reps" \
  --budget-ms="${PEER_BUDGET_MS:-1000}" --min-calls="${PEER_MIN_CALLS:-50}"
node "$here/peer.js" report "$out/sluice.json" "$out/peer.json" | tee "$out/report.md"
