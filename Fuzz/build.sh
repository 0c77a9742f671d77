#!/usr/bin/env bash
# Builds the libFuzzer target .build-fuzz/fuzz-sopbook (see Fuzz/README.md).
#
# SwiftPM cannot link a fuzzer executable (an executable target built with -sanitize=fuzzer fails with
# "undefined symbol <target>_main"), so SwiftPM builds the SopbookKit library and its dependencies with
# the fuzzer and address sanitizer instrumentation, and swiftc links the harness against their objects.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=.build-fuzz
OUT="$SCRATCH/fuzz-sopbook"

# Swift code gets -sanitize=fuzzer,address; C code (libyaml inside Yams) gets the same instrumentation
# without libFuzzer's main (fuzzer-no-link), so its coverage guides the fuzzer too.
swift build --scratch-path "$SCRATCH" -c debug --target SopbookKit \
    -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address

DEBUG="$SCRATCH/debug"
objects=()
for module in SopbookKit Yams; do
    found=("$DEBUG/$module.build"/*.o)
    [ -e "${found[0]}" ] || { echo "build.sh: no object files in $DEBUG/$module.build" >&2; exit 1; }
    objects+=("${found[@]}")
done
mapfile -t cyaml < <(find "$DEBUG/CYaml.build" -name '*.o' | sort)
[ "${#cyaml[@]}" -gt 0 ] || { echo "build.sh: no object files in $DEBUG/CYaml.build" >&2; exit 1; }
objects+=("${cyaml[@]}")

swiftc -sanitize=fuzzer,address -parse-as-library -g -Onone \
    -module-name FuzzSopbook \
    -I "$DEBUG/Modules" \
    -I Sources/CCmarkGFM \
    -Xcc -fmodule-map-file="$(find "$SCRATCH/checkouts/Yams" -path '*CYaml/include/module.modulemap' -print -quit 2>/dev/null || true)" \
    Fuzz/FuzzSopbook.swift Fuzz/FuzzLight.swift \
    "${objects[@]}" \
    -lcmark-gfm-extensions -lcmark-gfm \
    -lFoundationXML \
    -o "$OUT.tmp"
# A rename, not an overwrite: a fuzzer still running the previous binary keeps it.
mv -f "$OUT.tmp" "$OUT"

echo "built $OUT"
