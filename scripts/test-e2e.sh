#!/usr/bin/env bash
# End-to-end tests of the desktop app: the real binary under Xvfb, driven
# through tauri-driver (WebDriver) by tests/e2e/*.test.mjs with plain node.
#
#   bash scripts/test-e2e.sh                  run the specs
#   bash scripts/test-e2e.sh --screenshots    also refresh docs/screenshots/*.png
#
# Each spec starts its own tauri-driver and app with its own temp library
# (JUNTOS_LIBRARY), XDG folders and dialog answers (tests/e2e/driver.mjs);
# this script provides the virtual screen and runs the specs one at a time.
# Needs: xvfb-run, WebKitWebDriver (Debian: webkit2gtk-driver), tauri-driver
# (cargo install tauri-driver --locked --version '^2'), node >= 20, python3
# (tests/e2e/close-window.py, standard library + libX11 only).
# Builds the UI when missing, and the debug binary with the e2e feature.
# With --screenshots, writes docs/screenshots/{library,search,editor,media,
# settings,export,import,prepare,results,results-report,results-report-time,
# stick-write,stick-import,learner-window}.png; without, they go to the run's
# temp folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The app under test: the debug build with the e2e feature (its native dialogs
# answer from JUNTOS_TEST_DIALOGS), or JUNTOS_STUDIO_BIN, a binary built with
# `--features e2e` (a release build without it ignores the variable).
APP="${JUNTOS_STUDIO_BIN:-$ROOT/target/debug/juntos-studio}"

for tool in xvfb-run tauri-driver WebKitWebDriver node python3; do
  command -v "$tool" >/dev/null || { echo "test-e2e: '$tool' is not on PATH" >&2; exit 1; }
done

if [[ ! -f ui/dist/index.html ]]; then
  (cd ui && { [[ -d node_modules ]] || npm ci; } && npm run build)
fi
# axe-core for tests/e2e/a11y.test.mjs: the player tests' pinned npm packages.
if [ ! -d tests/player/node_modules ] || [ tests/player/package-lock.json -nt tests/player/node_modules/.package-lock.json ]; then
  (cd tests/player && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
if [[ -z "${JUNTOS_STUDIO_BIN:-}" ]]; then
  # Always (a no-op when fresh): a binary built without the feature would open real dialogs.
  cargo build --locked -p juntos-studio --features e2e
fi

if [[ "${1:-}" == "--screenshots" ]]; then
  export JUNTOS_E2E_SCREENSHOTS="$ROOT/docs/screenshots"
fi

export JUNTOS_STUDIO_BIN="$APP"
# Every spec's libraries, exports and XDG folders go under one folder, removed at the end.
export JUNTOS_E2E_TMP="$(mktemp -d "${TMPDIR:-/tmp}/juntos-e2e.XXXXXX")"
trap 'rm -rf "$JUNTOS_E2E_TMP"' EXIT

xvfb-run -a -s "-screen 0 1366x800x24" node --test --test-concurrency=1 tests/e2e/
