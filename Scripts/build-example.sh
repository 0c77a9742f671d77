#!/usr/bin/env bash
# Builds sopbook and compiles the example knowledge base in Content/ into Output/.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --product sopbook
.build/debug/sopbook build "$@"
echo "Open Output/index.html in a browser."
