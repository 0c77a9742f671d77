#!/usr/bin/env bash
# Type-checks the fuzz harness against the debug build of SopbookKit (built with testing enabled by
# `swift build --build-tests`), in seconds: the harness reaches internal stages, and without this check
# a change to one of them left it failing to compile until someone next ran Fuzz/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
modulemap=$(find .build/checkouts/Yams -path '*CYaml/include/module.modulemap' -print -quit 2>/dev/null || true)
[ -n "$modulemap" ] || { echo "Fuzz/typecheck.sh: no Yams checkout under .build; run swift build --build-tests first" >&2; exit 1; }
swiftc -typecheck -parse-as-library -module-name FuzzSopbook \
    -I .build/debug/Modules -I Sources/CCmarkGFM -Xcc -fmodule-map-file="$modulemap" \
    Fuzz/FuzzSopbook.swift Fuzz/FuzzLight.swift
echo "Fuzz/typecheck.sh: the fuzz harness type-checks"
