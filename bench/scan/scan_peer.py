#!/usr/bin/env python3
"""The peer of scan_bench: the scanner's first-pass candidate patterns, applied with Python's
`re` to every field of the same CSV file (read with the csv module), plus the Luhn check on card
candidates. It is what a straightforward scanner written in a scripting language does, and it
does less than Sluice's (no profiling, no distinct counts, no top values, no validators beyond
Luhn), so the ratio flatters the peer.

    scan_peer.py PATH [--max-mib N] [--reps R]

Reads the first N MiB of PATH (default 64; cut back to the last complete line, so every record
is whole), then times R passes over them (default 3) and prints each, the medians, and one
machine-readable line "RESULT key=value ...". MB/s uses MB = 10^6 bytes, from wall time and from
the process's CPU time. The rate does not depend on the file's size (one streaming pass, per-
field work), so the figure from a prefix stands for the whole file.

PATTERNS below says where each pattern comes from; keep them in step with src/scan.
"""

import argparse
import csv
import io
import re
import statistics
import sys
import time

# (detector, pattern): the scanner's candidate rules as regular expressions. email, aws_key,
# private_key and jwt are the Hyperscan patterns of src/scan/detectors.cc verbatim (compiled
# with HS_FLAG_DOTALL, hence re.DOTALL). phone, ssn, card, iban, ip and icd10 the scanner flags
# by the value's shape (src/scan/value_shape.h), not by a regex; here they are the regexes a
# regex-based scanner uses for the same candidates (digit runs fenced so that a longer number
# is not a candidate, in the groupings the validators accept).
# Detectors without a first pass (dob, person_name, passport, drivers_license, mrn, health_term:
# the scanner validates every value of a column whose name gives context) have no pattern here,
# so the peer does strictly less work. Python's `re` has no multi-pattern matcher, so each field
# is tested against each pattern in turn.
PATTERNS = [
    ("email", r"[A-Za-z0-9._%+\-]@[A-Za-z0-9\-]+\.[A-Za-z]{2}"),
    ("phone", r"(?:^|[^0-9])(?:1[ .\-]?)?\(?[0-9]{3}\)?[ .\-]?[0-9]{3}[ .\-]?[0-9]{4}(?:[^0-9]|$)"),
    ("phone", r"(?:^|[^0-9A-Za-z])(?:\+|00)[1-9][0-9]"),
    ("ssn", r"(?:^|[^0-9\-])[0-9]{3}-[0-9]{2}-[0-9]{4}(?:[^0-9\-]|$)"),
    ("ssn", r"(?:^|[^0-9])[0-9]{3} [0-9]{2} [0-9]{4}(?:[^0-9]|$)"),
    ("ssn", r"(?:^|[^0-9])[0-9]{9}(?:[^0-9]|$)"),
    ("card", r"(?:^|[^0-9])[0-9]{4}[ \-]?[0-9]{4}[ \-]?[0-9]{4}[ \-]?[0-9]{0,7}(?:[^0-9]|$)"),
    ("card", r"(?:^|[^0-9])[0-9]{4}[ \-]?[0-9]{6}[ \-]?[0-9]{4,5}(?:[^0-9]|$)"),
    ("iban", r"(?:^|[^A-Za-z0-9])[A-Za-z]{2}[0-9]{2} ?[A-Za-z0-9]{4}"),
    ("ip", r"(?:^|[^0-9.])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?:[^0-9.]|$)"),
    ("ip", r"::"),
    ("ip", r"[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:"),
    ("icd10", r"(?:^|[^A-Za-z0-9])[A-Za-z][0-9][0-9ABab](?:\.?[0-9A-Za-z]{1,4})?(?:[^A-Za-z0-9.]|$)"),
    ("aws_key", r"(?:AKIA|ASIA)[A-Z2-7]{16}"),
    ("private_key", r"-----BEGIN [A-Z ]{0,24}PRIVATE KEY"),
    ("jwt", r"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{2,}\."),
]
DETECTORS = list(dict.fromkeys(name for name, _ in PATTERNS))


NON_DIGITS = re.compile(r"[^0-9]")


def luhn(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def scan(text, compiled):
    """One pass: per column, how many fields each detector's pattern (and Luhn) accepted."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    hits = [dict.fromkeys(DETECTORS, 0) for _ in header]
    rows = 0
    for row in reader:
        rows += 1
        for column, field in enumerate(row):
            if not field:
                continue
            counts = hits[column]
            found = set()  # a field counts once per detector, however many patterns match
            for name, search in compiled:
                if name in found:
                    continue
                m = search(field)
                if m is None:
                    continue
                if name == "card" and not luhn(NON_DIGITS.sub("", m.group())):
                    continue
                found.add(name)
                counts[name] += 1
    return header, hits, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path")
    ap.add_argument("--max-mib", type=float, default=64)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    with open(args.path, "rb") as f:
        raw = f.read(int(args.max_mib * 1024 * 1024))
    raw = raw[: raw.rfind(b"\n") + 1]  # whole records only
    compiled = [(name, re.compile(p, re.DOTALL).search) for name, p in PATTERNS]

    wall_mbps, cpu_mbps = [], []
    for rep in range(args.reps):
        w0, c0 = time.perf_counter(), time.process_time()
        text = raw.decode("utf-8")  # counted: the scanner reads bytes too
        header, hits, rows = scan(text, compiled)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        mb = len(raw) / 1e6
        wall_mbps.append(mb / wall)
        cpu_mbps.append(mb / cpu)
        print(f"rep {rep + 1}: {mb:.1f} MB in {wall:.2f} s wall ({mb / wall:.2f} MB/s), "
              f"{cpu:.2f} s CPU ({mb / cpu:.2f} MB/s), {rows} rows", flush=True)

    # The pattern with the most hits per column, as a sanity check that the peer did the work.
    best = []
    for name, counts in zip(header, hits):
        top = max(counts.items(), key=lambda kv: kv[1])
        best.append(f"{name}={top[0] if top[1] else '-'}")
    print("columns (most hits):", " ".join(best))
    print(f"python {sys.version.split()[0]}; median of {args.reps}: "
          f"{statistics.median(wall_mbps):.2f} MB/s wall, {statistics.median(cpu_mbps):.2f} MB/s CPU")
    print(f"RESULT bytes={len(raw)} reps={args.reps} wall_mbps={statistics.median(wall_mbps):.3f} "
          f"cpu_mbps={statistics.median(cpu_mbps):.3f}")


if __name__ == "__main__":
    main()
