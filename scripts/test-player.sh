#!/usr/bin/env bash
# The offline player's tests: its TypeScript (player/: `tsc --noEmit`, then
# node tests of the dictionary, the quiz scorer against the fixtures the core
# shares, and the bundle: ES5, reproducible, and the committed
# assets/player/player.js not stale), the Rust side (tests/player/main.rs: the files
# export writes, `export --unpacked`, the sample course, the core's quiz
# scorer against the same fixtures), then the same
# sample opened by file:// in Debian's Chromium (playwright-core) and Firefox
# ESR (puppeteer-core over WebDriver BiDi). No browser is ever downloaded.
#   scripts/test-player.sh                all of it
#   scripts/test-player.sh --screenshots  also refresh docs/screenshots/player-*.png
# Needs what `scripts/setup.sh --test` installs, plus the firefox-esr package.
set -euo pipefail
cd "$(dirname "$0")/.."

screenshots=false
[ "${1:-}" = "--screenshots" ] && screenshots=true

for browser in "${JUNTOS_CHROMIUM:-/usr/bin/chromium}" "${JUNTOS_FIREFOX:-/usr/bin/firefox-esr}"; do
  if [ ! -x "$browser" ]; then
    echo "test-player: $browser is missing: install the Debian packages chromium and firefox-esr (scripts/setup.sh --test)" >&2
    exit 1
  fi
done

# The test's npm packages, exactly as locked (playwright-core and puppeteer-core
# download no browser).
if [ ! -d tests/player/node_modules ] || [ tests/player/package-lock.json -nt tests/player/node_modules/.package-lock.json ]; then
  (cd tests/player && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# The player's sources: type-checked, then its node tests, with the
# compiler and bundler exactly as locked.
if [ ! -d player/node_modules ] || [ player/package-lock.json -nt player/node_modules/.package-lock.json ]; then
  (cd player && npm ci --no-audit --no-fund --loglevel=error)
fi
(cd player && npx --no-install tsc --noEmit -p . && node --test test/)
# The stick's catalogue page (catalogue/src/, built by player/build.mjs): the
# same checks: types, search and progress rules, bundle ES5 + reproducible + not stale.
(cd player && npx --no-install tsc --noEmit -p ../catalogue && node --test ../catalogue/test/)

sample="$(mktemp -d)"
trap 'rm -rf "$sample"' EXIT
export JUNTOS_PLAYER_SAMPLE="$sample"
# The browsers' fresh profiles go here too, and go away with it.
mkdir -p "$sample/tmp"
export TMPDIR="$sample/tmp"
cargo test --test player
# The stick the catalogue's browser tests open (issue 18): three courses
# written by the real CLI that cargo test just built (tests/player/make-stick.sh).
bash tests/player/make-stick.sh "$PWD/target/debug/juntos" "$sample/stick-test"
export JUNTOS_STICK="$sample/stick-test/stick"
if $screenshots; then
  export JUNTOS_PLAYER_SCREENSHOTS="$PWD/docs/screenshots"
fi
cd tests/player
# results.test.mjs: learners and results files (issue 17), saved through real downloads.
# sign.test.mjs: the sign-language interpreter window (issue 16).
# catalogue.test.mjs: the stick's catalogue page (issue 18).
# captions.test.mjs, phones.test.mjs: captions sized for the video, topics in
# English, long questions and the handout on a phone (issue 16).
node --test --test-concurrency=1 chromium.test.mjs firefox.test.mjs a11y.test.mjs results.test.mjs sign.test.mjs catalogue.test.mjs captions.test.mjs phones.test.mjs
