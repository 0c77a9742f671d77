#!/usr/bin/env bash
# Compares two sopbook binaries' `build` in paired rounds: each round times both, in alternating order,
# with the output on tmpfs, and the verdict is the median of the rounds' ratios (B/A), for wall and for
# CPU time. Two medians taken apart drift by several percent on this machine; paired ratios do not.
#
#   Benchmarks/compare.sh BIN_A BIN_B [ROUNDS] [CORPUS]
#
# ROUNDS defaults to 12; CORPUS to Benchmarks/corpus-10000 (generate it with run.sh first). Runs from a
# scratch folder, so that no sopbook.yml of the current folder applies.
set -euo pipefail

die() { echo "compare.sh: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: compare.sh BIN_A BIN_B [ROUNDS] [CORPUS]"
HERE=$(cd "$(dirname "$0")" && pwd)
A=$(realpath "$1"); B=$(realpath "$2")
ROUNDS=${3:-12}
CORPUS=$(realpath "${4:-$HERE/corpus-10000}")
[ -x "$A" ] && [ -x "$B" ] || die "both binaries must be executable"
[ -d "$CORPUS" ] || die "no corpus at $CORPUS (Benchmarks/run.sh 10000 generates it)"
case "$ROUNDS" in ''|*[!0-9]*) die "ROUNDS must be a number";; esac
[ -d /dev/shm ] || die "no /dev/shm to write the sites to"

SCRATCH=$(mktemp -d)
OUT=$(mktemp -d /dev/shm/sopbook-compare.XXXXXX)
trap 'rm -rf "$SCRATCH" "$OUT"' EXIT

# Prints "wall user system" of one cold build into a fresh folder.
one() {
    rm -rf "$OUT/site"
    local start end
    start=$(date +%s.%N)
    (cd "$SCRATCH" && /usr/bin/time -f "%U %S" -o "$OUT/time" "$1" build --content "$CORPUS" --output "$OUT/site" \
        --today 2026-12-04 --fail-on never >/dev/null 2>&1)
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) $(tail -1 "$OUT/time")"
}

for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 0 ]; then a=$(one "$A"); b=$(one "$B"); else b=$(one "$B"); a=$(one "$A"); fi
    echo "$a $b"
done | python3 -c '
import statistics, sys
rows = [[float(v) for v in line.split()] for line in sys.stdin]
wall = [b[3] / b[0] for b in rows]
cpu = [(b[4] + b[5]) / (b[1] + b[2]) for b in rows]
print("A: median %.3f s   B: median %.3f s   (%d rounds)" % (statistics.median(r[0] for r in rows),
      statistics.median(r[3] for r in rows), len(rows)))
print("B/A wall: median %.3f, mean %.3f   B/A CPU: median %.3f, mean %.3f" % (
      statistics.median(wall), statistics.mean(wall), statistics.median(cpu), statistics.mean(cpu)))
'
