#!/usr/bin/env bash
# push.sh [BUILD_DIR] [SIZES_GIB...]   (default: build 1 4)
#
# Issue 4's data-plane benchmarks, each next to its physical peer in the same
# run, on the same file, on the same disk:
#   - push of an N GiB CSV file   vs  openssl dgst -sha256  and  dd conv=fdatasync
#     (+ peak RSS of client and server)
#   - re-push after changing 1% of the rows: bytes newly stored
#     (a) the changed rows in one block (an update of one key range),
#     (b) every 100th row (scattered; content-defined chunking cannot help:
#         every 1 MiB chunk holds ~15,000 rows, so every chunk changes)
#   - copy within one storage domain  vs  cp of the same file
# Work files go to $BENCH_DIR (default /var/tmp/sluice-bench; needs ~3x the
# largest size free). Prints a Markdown table.
set -euo pipefail
BUILD=${1:-build}
shift || true
SIZES=${*:-1 4}
SLUICE=$(realpath "$BUILD/sluice")
WORK=${BENCH_DIR:-/var/tmp/sluice-bench}
rm -rf "$WORK" && mkdir -p "$WORK"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

make_csv() {  # make_csv FILE GIB
  awk -v bytes=$(( $2 * 1024 * 1024 * 1024 )) 'BEGIN {
    srand(42); n = 0; print "id,name,email,amount,country,signup";
    while (n < bytes) {
      line = sprintf("%d,name%d,user%d@example.com,%d.%02d,%s,2024-%02d-%02d",
                     NR_, int(rand()*1e9), int(rand()*1e9), int(rand()*100000), int(rand()*100),
                     substr("USGBFRDEJPBRIN", 1 + 2*int(rand()*7), 2), 1+int(rand()*12), 1+int(rand()*28));
      print line; n += length(line) + 1; NR_++ }
  }' > "$1"
}

"$SLUICE" serve --data "$WORK/data" --listen 127.0.0.1:0 --access-log off --sweep-interval 0s \
  2> "$WORK/serve.err" & SERVER=$!
for _ in $(seq 100); do grep -q "API:" "$WORK/serve.err" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's|^API: \(http://[^/]*\)/api/v1|\1|p' "$WORK/serve.err")
export SLUICE_SERVER=$URL SLUICE_TOKEN=$(cat "$WORK/data/admin.token")
"$SLUICE" project create discovery/bench >/dev/null

echo "| size | openssl sha256 s | dd fdatasync s | push s | push / slower | client RSS MiB | server RSS MiB | re-push 1% block: new bytes | re-push 1% scattered: new bytes | copy s | cp s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for gib in $SIZES; do
  F="$WORK/data-$gib.csv"
  make_csv "$F" "$gib"
  bytes=$(stat -c %s "$F")
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  t_hash=$(secs openssl dgst -sha256 "$F")
  t_dd=$(secs dd if="$F" of="$WORK/dd.out" bs=1M conv=fdatasync); rm -f "$WORK/dd.out"
  t_push=$( { /usr/bin/time -f "%e %M" "$SLUICE" push "$F" "discovery/bench/d$gib" >/dev/null; } 2>&1 | tail -1)
  push_s=${t_push% *}; client_kib=${t_push#* }
  server_kib=$(awk '/VmHWM/ {print $2}' /proc/$SERVER/status)
  slower=$(echo "if ($t_hash > $t_dd) $t_hash else $t_dd" | bc)
  ratio=$(echo "scale=2; $push_s / $slower" | bc)
  rows=$(wc -l < "$F"); pct=$(( rows / 100 )); mid=$(( rows / 2 ))
  awk -v a=$mid -v b=$(( mid + pct )) -F, 'BEGIN{OFS=","} NR>a && NR<=b {$4="0.00"} {print}' "$F" > "$F.block"
  new_block=$("$SLUICE" push "$F.block" "discovery/bench/d$gib" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes_new"])')
  awk -F, 'BEGIN{OFS=","} NR>1 && NR%100==0 {$4="0.00"} {print}' "$F" > "$F.scattered"
  new_scat=$("$SLUICE" push "$F.scattered" "discovery/bench/d$gib" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes_new"])')
  rm -f "$F.block" "$F.scattered"
  # The copy is timed at the API (curl's time_total), not through a CLI
  # process start: what is measured is the server's work. `sync` first: on
  # ext4 the commit's fsync would otherwise also wait for the gigabytes the
  # pushes above left dirty. Median of three copies.
  sync
  t_copy=$(for k in 1 2 3; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $SLUICE_TOKEN" \
      -X POST "$URL/api/v1/copies" -d "{\"source\":\"discovery/bench/d$gib\",\"target\":\"discovery/bench/c$gib-$k\"}"
  done | sort -n | sed -n 2p)
  t_cp=$(secs cp "$F" "$WORK/cp.out"); rm -f "$WORK/cp.out"
  printf "| %s GiB | %.2f | %.2f | %.2f | %s | %d | %d | %d (%.2f%%) | %d (%.1f%%) | %.3f | %.2f |\n" \
    "$gib" "$t_hash" "$t_dd" "$push_s" "$ratio" $((client_kib/1024)) $((server_kib/1024)) \
    "$new_block" "$(echo "100*$new_block/$bytes" | bc -l)" "$new_scat" "$(echo "100*$new_scat/$bytes" | bc -l)" \
    "$t_copy" "$t_cp"
  rm -f "$F"
done
