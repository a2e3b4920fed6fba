#!/usr/bin/env bash
# Installs what is missing, builds Juntos Studio and starts it on the default
# library ($JUNTOS_LIBRARY, else the platform data folder), which is created
# with a sample course the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd ui && npm run build)
cargo build --release --locked -p juntos-studio --features tauri/custom-protocol
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  echo "No display found: starting under Xvfb (virtual screen)."
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/release/juntos-studio "$@"
fi
exec target/release/juntos-studio "$@"
