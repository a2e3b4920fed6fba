#!/usr/bin/env bash
# Fuzz every target of fuzz/ for SECONDS each (default 60); exit non-zero on
# the first crash. Builds once for all targets (nightly + cargo-fuzz, both
# installed here when missing). New inputs go to fuzz/target/corpus/<target>
# (not committed); the committed seeds in fuzz/corpus/<target> are read, never
# written. A crashing input is left in fuzz/artifacts/<target>/: keep it as a
# regression test (tests/faults) and in fuzz/corpus/<target>.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${1:-60}"
TARGETS=(import_bytes archive manifest render captions probe)

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

cd fuzz
cargo +nightly fuzz build
total=0
for target in "${TARGETS[@]}"; do
    work="target/corpus/$target"
    mkdir -p "$work" "corpus/$target"
    log="target/fuzz-$target.log"
    echo "== fuzz $target for ${SECONDS_EACH}s"
    if ! cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz: $target crashed; the input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
    execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "   $target: ${execs:-?} runs, no crash"
    total=$((total + ${execs:-0}))
done
echo "fuzz: ${#TARGETS[@]} targets, $total runs in all, no crash"
