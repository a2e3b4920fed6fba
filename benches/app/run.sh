#!/usr/bin/env bash
# Desktop app benchmark (not a test): builds the production binary and a
# 1,000-course library when missing, then measures the real app under Xvfb
# through tauri-driver (benches/app/bench.mjs). Prints a table for
# docs/performance.md ("## Desktop app").
#
#   bash benches/app/run.sh            # library kept in target/bench-library
#   BENCH_RUNS=9 bash benches/app/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
APP="$ROOT/target/release/juntos-studio"
LIB="${BENCH_LIBRARY:-$ROOT/target/bench-library}"

if [[ ! -x "$APP" || ui/dist/index.html -nt "$APP" ]]; then
  (cd ui && npm run build)
  cargo build --release -p juntos-studio --features tauri/custom-protocol
fi
if [[ ! -f "$LIB/library.db" ]]; then
  cargo bench --bench library -- --keep "$LIB"
fi
HOME_DIR="$(mktemp -d)"
trap 'rm -rf "$HOME_DIR"' EXIT
# A copy, so that the typing of the preview benchmark never changes the kept library.
cp -r "$LIB" "$HOME_DIR/library"

export JUNTOS_STUDIO_BIN="$APP" BENCH_LIBRARY="$HOME_DIR/library" BENCH_HOME="$HOME_DIR/home"
xvfb-run -a -s "-screen 0 1280x800x24" node benches/app/bench.mjs
