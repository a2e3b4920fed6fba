#!/usr/bin/env bash
# Installs what is missing, then runs every test: the core and CLI, the
# desktop shell's commands and generated IPC types, the UI unit tests, and
# the offline player in real browsers, SCORM in an LMS runtime, the real app
# end to end under Xvfb through WebDriver, and every fuzz target for 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== UI: unit tests and production build"
(cd ui && npm test && npm run build)

echo "== Rust: core, CLI and shell"
cargo test --workspace --locked

echo "== Offline player in Chromium and Firefox ESR"
bash scripts/test-player.sh

echo "== SCORM 1.2 in an LMS runtime, and the Kolibri HTML5 zip in a sandboxed frame"
bash scripts/test-scorm.sh

echo "== App end to end (Xvfb + WebDriver)"
cargo build --locked -p juntos-studio
bash scripts/test-e2e.sh

echo "== Fuzzing: every cargo-fuzz target for 60 s"
bash scripts/fuzz.sh 60
