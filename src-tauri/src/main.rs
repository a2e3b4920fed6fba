//! The `juntos-studio` binary. Everything lives in the library so that the
//! tests can build the same app on Tauri's mock runtime.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK without its compositing mode: the app's pages are a form and a
    // preview, and compositing costs ~85 MiB PSS at idle (337 → 253 MiB,
    // docs/performance.md, "Desktop app"; the goal is under 300). Video still
    // plays (tests/e2e/video.test.mjs runs in this mode). Set before any
    // thread starts; a person or packager who sets the variable, to any value
    // ("0" turns compositing back on), is obeyed.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    juntos_studio::run();
}
