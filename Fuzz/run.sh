#!/usr/bin/env bash
# Runs the Sopbook fuzz target (build it first with Fuzz/build.sh). See Fuzz/README.md.
#
#   Fuzz/run.sh [SECONDS]     fuzz for SECONDS (default 600); crashes go to Fuzz/crashes/
#   Fuzz/run.sh --regress     run every reproducer in Tests/Fixtures/fuzz/ and every seed once, each in
#                             its own process, and list those that still fail (exit 1 if any)
#
# Environment: SOPBOOK_FUZZ_MODE=light (parsing stages only), SOPBOOK_FUZZ_SKIP=text,... (known findings
# to step over), SOPBOOK_FUZZ_CONFIG=FILE (another sopbook.yml), FUZZ_JOBS=N (N fuzzing processes
# sharing the corpus), FUZZ_CORPUS=DIR (working corpus, default .build-fuzz/corpus), FUZZ_ARGS (more
# libFuzzer flags), FUZZ_NO_SUPPRESSIONS=1 (report the leaks listed in Fuzz/lsan.supp again).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.build-fuzz/fuzz-sopbook
CORPUS="${FUZZ_CORPUS:-.build-fuzz/corpus}"
CRASHES=Fuzz/crashes
[ -x "$BIN" ] || { echo "run.sh: $BIN is missing; run Fuzz/build.sh first" >&2; exit 2; }
mkdir -p "$CORPUS" "$CRASHES" .build-fuzz/logs

# Swift's own crash backtracer forks a helper that reads the crashed process's stack (ASan reports that
# as a stack-buffer-underflow) and keeps the output pipe open: libFuzzer and ASan print the stacks instead.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:symbolize=1:allocator_may_return_null=1}"
# Leaks already reported (see the file).
if [ -z "${FUZZ_NO_SUPPRESSIONS:-}" ]; then
    export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/Fuzz/lsan.supp:print_suppressions=0}"
fi

if [ "${1:-}" = "--regress" ]; then
    shopt -s nullglob
    failed=()
    files=(Tests/Fixtures/fuzz/* Fuzz/seeds/*)
    for f in "${files[@]}"; do
        if ! "$BIN" -runs=1 "$f" > ".build-fuzz/logs/regress.log" 2>&1; then
            failed+=("$f")
            echo "FAIL $f: $(grep -m1 -E 'INVARIANT VIOLATED|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)' .build-fuzz/logs/regress.log || echo 'see .build-fuzz/logs/regress.log')"
        fi
    done
    echo "${#files[@]} files, ${#failed[@]} failing"
    [ "${#failed[@]}" -eq 0 ]
    exit
fi

SECONDS_TO_RUN="${1:-600}"

# The working corpus starts from every SOP of the fixtures and of the example content; libFuzzer adds
# what it finds there. Fuzz/seeds (committed) is read too but never written.
while IFS= read -r -d '' f; do
    name=$(printf '%s' "${f#./}" | tr '/' '_')
    [ -e "$CORPUS/$name" ] || cp "$f" "$CORPUS/$name"
done < <(find Tests/Fixtures Content -name '*.md' -not -path 'Tests/Fixtures/fuzz/*' -print0)

log=".build-fuzz/logs/fuzz-$(date +%Y%m%d-%H%M%S)-$$.log"
echo "fuzzing for ${SECONDS_TO_RUN}s; log: $log; crashes go to $CRASHES/"
jobs=()
if [ -n "${FUZZ_JOBS:-}" ] && [ "${FUZZ_JOBS}" -gt 1 ]; then
    jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
fi
set +e
# shellcheck disable=SC2086
"$BIN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$SECONDS_TO_RUN" \
    -dict=Fuzz/sopbook.dict -print_final_stats=1 -artifact_prefix="$CRASHES/" \
    "${jobs[@]}" ${FUZZ_ARGS:-} \
    "$CORPUS" Fuzz/seeds 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
echo "last status line:"
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
ls -1 "$CRASHES" 2>/dev/null | sed 's/^/  found: /' || true
exit "$status"
