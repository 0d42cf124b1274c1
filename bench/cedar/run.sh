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
# One node process per workload: V8 has aborted (deoptimizer, "unreachable
# code") when one process ran all of them back to back.
for w in "$out"/workloads/*/; do
  name=$(basename "$w")
  mkdir -p "$out/one/$name" && cp -r "$w" "$out/one/$name/"
  node --no-liftoff --stack-size=60000 "$here/peer.js" run "$out/one/$name" \
    "$out/peer-$name.json" --reps="$reps" --budget-ms="${PEER_BUDGET_MS:-1000}" \
    --min-calls="${PEER_MIN_CALLS:-50}"
done
node -e '
  const fs = require("fs"), path = require("path");
  const [dir, outFile] = process.argv.slice(1);
  const merged = {workloads: {}};
  for (const f of fs.readdirSync(dir).filter((n) => /^peer-.*\.json$/.test(n))) {
    const j = JSON.parse(fs.readFileSync(path.join(dir, f)));
    merged.cedar_wasm_version = j.cedar_wasm_version;
    Object.assign(merged.workloads, j.workloads);
  }
  fs.writeFileSync(outFile, JSON.stringify(merged, null, 1));' "$out" "$out/peer.json"
node "$here/peer.js" report "$out/sluice.json" "$out/peer.json" | tee "$out/report.md"
