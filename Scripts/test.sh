#!/usr/bin/env bash
# Runs the whole test suite: unit, golden-file fixtures and command-line tests.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
