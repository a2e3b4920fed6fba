//! Native dialogs, opened from Rust (tauri-plugin-dialog), so the web view
//! gets no file-system or dialog API of its own: it asks for "a video" and
//! receives a path the person chose.
//!
//! End-to-end tests cannot click in a native GTK dialog. When
//! `JUNTOS_TEST_DIALOGS` names a JSON file (`{"media": "/path/x.mp4",
//! "folder": "/tmp/out", "confirm": true}`), the answers are read from it
//! instead (re-read at each call, `null` = the person cancelled). Only the
//! test script sets it.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

pub const TEST_ANSWERS: &str = "JUNTOS_TEST_DIALOGS";

#[derive(Debug, Clone, Copy)]
pub enum Pick {
    Media,
    Captions,
    Cover,
    Folder,
    Package,
    Xliff,
}

impl Pick {
    fn key(self) -> &'static str {
        match self {
            Pick::Media => "media",
            Pick::Captions => "captions",
            Pick::Cover => "cover",
            Pick::Folder => "folder",
            Pick::Package => "package",
            Pick::Xliff => "xliff",
        }
    }
}

fn scripted(key: &str) -> Option<serde_json::Value> {
    let file = std::env::var_os(TEST_ANSWERS)?;
    let text = std::fs::read_to_string(file).ok()?;
    let answers: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(answers.get(key).cloned().unwrap_or(serde_json::Value::Null))
}

/// A file or folder the person chose, or `None` when they cancelled.
pub fn pick<R: Runtime>(app: &AppHandle<R>, kind: Pick, title: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted(kind.key()) {
        return answer.as_str().map(PathBuf::from);
    }
    let dialog = app.dialog().file().set_title(title);
    let chosen = match kind {
        Pick::Folder => dialog.set_can_create_directories(true).blocking_pick_folder(),
        Pick::Media => dialog
            .add_filter(
                "Media",
                &[
                    "mp4", "m4v", "mov", "3gp", "webm", "mp3", "m4a", "ogg", "oga", "png", "jpg",
                    "jpeg", "gif", "webp",
                ],
            )
            .blocking_pick_file(),
        Pick::Captions => dialog.add_filter("SRT / WebVTT", &["srt", "vtt"]).blocking_pick_file(),
        Pick::Cover => dialog
            .add_filter("PNG / JPEG / WebP", &["png", "jpg", "jpeg", "webp", "gif"])
            .blocking_pick_file(),
        Pick::Package => dialog.add_filter("Juntos", &["juntos"]).blocking_pick_file(),
        Pick::Xliff => dialog.add_filter("XLIFF", &["xlf", "xliff"]).blocking_pick_file(),
    };
    chosen.and_then(|p| p.into_path().ok())
}

/// Asks a yes/no question in a native dialog; never blocks the caller's thread.
pub fn confirm<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    message: &str,
    ok: &str,
    cancel: &str,
    then: impl FnOnce(bool) + Send + 'static,
) {
    if let Some(answer) = scripted("confirm") {
        then(answer.as_bool().unwrap_or(false));
        return;
    }
    app.dialog()
        .message(message)
        .title(title)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(ok.into(), cancel.into()))
        .show(then);
}
