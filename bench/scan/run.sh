#!/usr/bin/env bash
# run.sh [BUILD_DIR] [SIZES_MIB...]   (default: build 256 1024)
#
# Issue 8's scanning benchmark, the scanner and its peer in one run over the same file:
#   - scan_bench --generate writes the 20-column benchmark CSV of each size once (deterministic;
#     the smaller file is a prefix of the larger);
#   - scan_bench --scan scans each file REPS times on one thread through a FileByteSource:
#     median MB/s (wall and CPU) and the process's peak RSS, so the sizes show whether memory
#     grows with the file;
#   - scan_peer.py runs the same candidate patterns with Python's `re` (csv module, Luhn on card
#     candidates) over the first PEER_MIB MiB of the largest file, PEER_REPS times. Its per-byte
#     rate does not depend on the file's size, so its MB/s stands for the whole file: the ratio
#     compares the scanner on the largest file with the peer on its prefix.
# Both read from the page cache (the file was just written; run on a machine with RAM to spare).
# Env: REPS (3), PEER_MIB (64), PEER_REPS (3), PYTHON (Debian's /usr/bin/python3 when present: the
# project's own dependencies are Debian's, and Debian builds CPython with PGO and LTO), BENCH_DIR
# (/tmp/sluice-scan-bench; needs the sizes' sum free), KEEP=1 keeps the files (and reuses them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build}"
shift || true
sizes=${*:-256 1024}
reps=${REPS:-3}
peer_mib=${PEER_MIB:-64}
peer_reps=${PEER_REPS:-3}
python=${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
work=${BENCH_DIR:-/tmp/sluice-scan-bench}
bin="$build/bench/scan/scan_bench"
[[ -x "$bin" ]] || { echo "run.sh: $bin not built" >&2; exit 2; }
mkdir -p "$work"
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -f "$work"/scan-*.csv' EXIT

field() { sed -n "s/^RESULT .*\b$1=\([^ ]*\).*/\1/p" "$2"; }

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scan_bench: $bin; REPS=$reps; peer: $($python --version 2>&1), PEER_MIB=$peer_mib, PEER_REPS=$peer_reps"
largest=""
for mib in $sizes; do
  f="$work/scan-$mib.csv"
  if [[ ! -s "$f" ]]; then "$bin" --generate "$f" --bytes $((mib * 1024 * 1024)); fi
  echo "--- scan_bench, $mib MiB"
  "$bin" --scan "$f" --reps "$reps" | tee "$work/scan-$mib.out"
  largest=$mib
done
echo "--- scan_peer.py, first $peer_mib MiB of the $largest MiB file"
"$python" "$here/scan_peer.py" "$work/scan-$largest.csv" --max-mib "$peer_mib" --reps "$peer_reps" \
  | tee "$work/peer.out"

echo
echo "| file | scanner MB/s wall | scanner MB/s CPU | peak RSS |"
echo "|---|---|---|---|"
for mib in $sizes; do
  o="$work/scan-$mib.out"
  echo "| $mib MiB | $(field wall_mbps "$o") | $(field cpu_mbps "$o") | $(field rss_mib "$o") MiB |"
done
o="$work/scan-$largest.out"
pw=$(field wall_mbps "$work/peer.out")
pc=$(field cpu_mbps "$work/peer.out")
echo "| peer (Python re), first $peer_mib MiB | $pw | $pc | |"
echo "| ratio scanner / peer ($largest MiB) | $(echo "scale=0; $(field wall_mbps "$o") / $pw" | bc)x | $(echo "scale=0; $(field cpu_mbps "$o") / $pc" | bc)x | |"
