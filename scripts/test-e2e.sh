#!/usr/bin/env bash
# End-to-end test of the desktop app: the real binary under Xvfb, driven
# through tauri-driver (WebDriver) by tests/e2e/*.test.mjs with plain node.
#
#   bash scripts/test-e2e.sh
#
# Needs: xvfb-run, WebKitWebDriver (Debian: webkit2gtk-driver), tauri-driver
# (cargo install tauri-driver --locked --version '^2'), node >= 20.
# Builds the UI and the debug binary first when they are missing.
# Writes docs/screenshots/library.png.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
APP="$ROOT/target/debug/juntos-studio"
PORT="${TAURI_DRIVER_PORT:-4444}"

for tool in xvfb-run tauri-driver WebKitWebDriver node; do
  command -v "$tool" >/dev/null || { echo "test-e2e: '$tool' is not on PATH" >&2; exit 1; }
done

if [[ ! -f ui/dist/index.html ]]; then
  (cd ui && { [[ -d node_modules ]] || npm ci; } && npm run build)
fi
if [[ ! -x "$APP" ]]; then
  cargo build -p juntos-studio
fi

LIBRARY="$(mktemp -d "${TMPDIR:-/tmp}/juntos-e2e.XXXXXX")"
trap 'rm -rf "$LIBRARY"' EXIT
# tauri-driver starts the app with its own environment: export before starting it.
# A fresh library, and fresh XDG folders so the web view's localStorage (the
# remembered interface language) does not leak in from earlier runs.
export JUNTOS_LIBRARY="$LIBRARY/library"
export XDG_DATA_HOME="$LIBRARY/data" XDG_CACHE_HOME="$LIBRARY/cache" XDG_CONFIG_HOME="$LIBRARY/config"
export JUNTOS_STUDIO_BIN="$APP"
export WEBDRIVER_URL="http://127.0.0.1:$PORT"

xvfb-run -a -s "-screen 0 1280x800x24" bash -euo pipefail -c '
  tauri-driver --port "$1" &
  DRIVER=$!
  trap "kill $DRIVER 2>/dev/null; wait $DRIVER 2>/dev/null || true" EXIT
  for _ in $(seq 1 100); do   # until tauri-driver listens (at most 10 s)
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && break
    sleep 0.1
  done
  node --test tests/e2e/
' test-e2e "$PORT"
