//! The `juntos-studio` binary. Everything lives in the library so that the
//! tests can build the same app on Tauri's mock runtime.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    juntos_studio::run();
}
