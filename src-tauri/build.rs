//! Generates the Tauri context and, from the command list below, one
//! permission per app command (`allow-list-courses`, …). The capability in
//! `capabilities/main.json` grants exactly these, so a command that is not
//! listed here cannot be called from the web view even if it is registered.

const COMMANDS: &[&str] = &["list_courses", "get_course", "translation_status", "app_info"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
