#!/usr/bin/env bash
# The SCORM 1.2 and Kolibri HTML5 exports' tests: the Rust side
# (tests/scorm/main.rs: what the zips hold, imsmanifest.xml against our own
# SCORM 1.2 checker, stable identifiers, atomic and deterministic writing,
# the CLI), which also unzips the packages the browser tests open; then
# Debian's Chromium (playwright-core) hosting the SCORM package under a real
# SCORM 1.2 runtime (scorm-again, from npm) and the HTML5 zip inside
# <iframe sandbox="allow-scripts">, both served by the test itself on
# 127.0.0.1. No browser is ever downloaded.
#   scripts/test-scorm.sh
# Needs what `scripts/setup.sh --test` installs (chromium, node 20).
set -euo pipefail
cd "$(dirname "$0")/.."

browser="${JUNTOS_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$browser" ]; then
  echo "test-scorm: $browser is missing: install the Debian package chromium (scripts/setup.sh --test)" >&2
  exit 1
fi

# The test's npm packages, exactly as locked (playwright-core downloads no browser).
if [ ! -d tests/scorm/node_modules ] || [ tests/scorm/package-lock.json -nt tests/scorm/node_modules/.package-lock.json ]; then
  (cd tests/scorm && npm ci --no-audit --no-fund --loglevel=error)
fi

sample="$(mktemp -d)"
trap 'rm -rf "$sample"' EXIT
export JUNTOS_SCORM_SAMPLE="$sample"
# The browser's profiles go here too, and go away with it.
mkdir -p "$sample/tmp"
export TMPDIR="$sample/tmp"
cargo test --test scorm
cd tests/scorm
node --test --test-concurrency=1 scorm.test.mjs html5.test.mjs
