#!/usr/bin/env bash
# Runs the whole test suite: unit, golden-file fixtures, command-line, browser and workflow tests.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh --test
swift build --build-tests
swift test --skip-build
# The fuzz harness reaches internal stages: it must still compile against them.
Fuzz/typecheck.sh
# The site in a real browser (headless Chromium + Selenium) and its internal links.
python3 -m unittest discover -s Tests/browser -v
# action.yml and the CI files `sopbook init` writes: the vendors' schemas, shellcheck, script injection.
python3 -m unittest discover -s Tests/workflows -v
