#!/usr/bin/env bash
# Kill `juntos` with SIGKILL N times (default 200) at random moments during
# package import, export, edits and media attaches, checking the library
# after every kill (tests/crash/main.rs says what is checked). Prints the
# seed; JUNTOS_CRASH_SEED=... replays a run.
set -euo pipefail
cd "$(dirname "$0")/.."
export JUNTOS_CRASH_KILLS="${1:-200}"
cargo test -p juntos --test crash -- --nocapture 2>&1 | tee target/crash-harness.log | grep -E '^crash harness|^durations|panicked|test result'
