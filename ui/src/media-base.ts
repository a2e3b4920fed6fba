// The prefix of every media URL the web view loads: the shell's loopback
// server, `http://127.0.0.1:<port>/<secret>/media/` (src-tauri/src/loopback.rs).
// It does not change while the app runs, so it is asked once.
import * as ipc from "./ipc";

let cached: Promise<string> | null = null;

/** `<media base>`; a media file is `<media base><sha256>.<format>`. Empty if unknown. */
export function mediaBase(): Promise<string> {
  cached ??= ipc
    .appInfo()
    .then((info) => info?.media_base ?? "")
    .catch(() => "");
  return cached;
}
