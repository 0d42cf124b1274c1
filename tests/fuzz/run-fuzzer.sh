#!/usr/bin/env bash
# run-fuzzer.sh BINARY SECONDS WORKDIR [SEED_DIR]
# Fuzzes for SECONDS from the seeds in SEED_DIR (read only) plus what earlier
# runs found (WORKDIR/corpus). A crash leaves its input in WORKDIR/ and fails.
set -euo pipefail
bin=$1 seconds=$2 work=$3 seeds=${4:-}
mkdir -p "$work/corpus"
args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
      -artifact_prefix="$work/")
exec "$bin" "${args[@]}" "$work/corpus" ${seeds:+"$seeds"}
