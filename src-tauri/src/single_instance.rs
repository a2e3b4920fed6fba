//! One library, one writer: a second launch on the same library focuses the
//! window that is already open instead of opening another one (two windows
//! on one library let the older text be saved over the newer).
//!
//! Tauri's single-instance plugin finds the running app by a D-Bus name on
//! Linux (a named mutex on Windows, a socket on macOS). The name here is made
//! from the library's folder, so two apps on two different libraries (a
//! trainer's and a test's, say `JUNTOS_LIBRARY=…`) still run side by side,
//! while a second app on the same library exits at once after asking the
//! first to show itself. Without a session bus (a bare X server) the plugin
//! lets the app start normally; the conditional save in the core
//! (`edit_conflict`) still keeps a stale window from overwriting newer text.
use std::path::Path;

use sha2::{Digest, Sha256};
use tauri::{Manager, Runtime};

/// The single-instance id of the library at `library`: the app's identifier
/// and a short hash of the folder's canonical path (a valid D-Bus name).
pub fn instance_id(identifier: &str, library: &Path) -> String {
    let canonical = std::fs::canonicalize(library).unwrap_or_else(|_| library.to_path_buf());
    let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
    format!("{identifier}.library_{}", hex::encode(&digest[..8]))
}

/// The plugin: a second launch on the same library brings the first window forward.
pub fn plugin<R: Runtime>(identifier: &str, library: &Path) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(identifier, library))
        .callback(|app, _argv, _cwd| focus_main(app))
        .build()
}

fn focus_main<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_id_per_library_folder_and_a_valid_dbus_name() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let id = instance_id("org.juntos.studio", a.path());
        assert_eq!(id, instance_id("org.juntos.studio", &a.path().join(".")));
        assert_ne!(id, instance_id("org.juntos.studio", b.path()));
        assert!(id.starts_with("org.juntos.studio.library_"));
        assert!(id.len() <= 255);
        for element in id.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()));
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        }
    }
}
