#!/usr/bin/env bash
# Installs what is missing, then runs the gates and every test: rustfmt,
# tsc, clippy (warnings are errors) and an offline dependency audit; the core
# and CLI (with real ffmpeg), the desktop shell's commands, IPC contract and
# generated types, the UI unit tests, the offline player in real browsers,
# SCORM in an LMS runtime, the real app end to end under Xvfb through
# WebDriver, and every fuzz target for 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

echo "== Format: rustfmt (rustfmt.toml), the workspace and the fuzz crate"
cargo fmt --all --check
(cd fuzz && cargo fmt --all --check)

echo "== UI: unit tests and production build (tsc --noEmit first)"
(cd ui && npm test && npm run build)

echo "== Rust: core, CLI and shell"
# Tests that need root or a system tool (mounts, FAT32, fusefat) fail here
# instead of skipping, and each one that ran leaves its name in a log
# (tests/common/small_disk.rs). JUNTOS_REQUIRE_PRIVILEGED=0 allows skips.
export JUNTOS_REQUIRE_PRIVILEGED="${JUNTOS_REQUIRE_PRIVILEGED:-1}"
JUNTOS_PRIVILEGED_LOG="$(mktemp "${TMPDIR:-/tmp}/juntos-privileged.XXXXXX")"
export JUNTOS_PRIVILEGED_LOG
cargo test --workspace --locked
echo "privileged tests that ran (root, mounts, FAT32 tools): $(sort -u "$JUNTOS_PRIVILEGED_LOG" | wc -l)"
sort -u "$JUNTOS_PRIVILEGED_LOG" | sed 's/^/   /'
rm -f "$JUNTOS_PRIVILEGED_LOG"

echo "== Lint: clippy on every target, warnings are errors"
# After the UI build: the shell's generate_context! needs ui/dist.
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== Dependency audit, offline (RustSec snapshot in ../shared/advisory-db)"
bash scripts/audit.sh

echo "== Offline player in Chromium and Firefox ESR"
bash scripts/test-player.sh

echo "== SCORM 1.2 in an LMS runtime, and the Kolibri HTML5 zip in a sandboxed frame"
bash scripts/test-scorm.sh

echo "== App end to end (Xvfb + WebDriver)"
# The e2e feature lets the test answer the native dialogs (JUNTOS_TEST_DIALOGS).
cargo build --locked -p juntos-studio --features e2e
bash scripts/test-e2e.sh

echo "== Fuzzing: every cargo-fuzz target for 60 s"
# Known crash inputs are replayed by the normal suite (tests/faults and unit
# tests), so a regression fails above. A NEW crash found in these 60 s is a
# finding, not a regression: it is reported loudly with its input kept in
# fuzz/artifacts/, and the run still ends with the suite's verdict.
if ! bash scripts/fuzz.sh 60; then
  echo "FUZZ FINDING: a new crash input is in fuzz/artifacts/ (see docs/security.md, 'Fuzzing'); fix it and keep it in fuzz/corpus as a regression"
fi
