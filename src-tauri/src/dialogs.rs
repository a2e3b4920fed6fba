//! Native dialogs, opened from Rust (tauri-plugin-dialog), so the web view
//! gets no file-system or dialog API of its own: it asks for "a video" and
//! receives a path the person chose.
//!
//! Tests cannot click in a native GTK dialog. When the app holds a
//! [`ScriptedDialogs`] state naming a JSON file (`{"media": "/path/x.mp4",
//! "folder": "/tmp/out", "confirm": true}`), the answers are read from it
//! instead (re-read at each call, `null` = the person cancelled). The shell's
//! tests put that state in directly; the end-to-end tests, which run the real
//! binary, name the file in `JUNTOS_TEST_DIALOGS`, which only a build with
//! the `e2e` cargo feature reads ([`ScriptedDialogs::from_env`]): the app
//! people install has no way to have its dialogs answered for them.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// The variable the end-to-end tests set (read only with the `e2e` feature).
pub const TEST_ANSWERS: &str = "JUNTOS_TEST_DIALOGS";

/// App state: answer the dialogs from this JSON file instead of asking.
pub struct ScriptedDialogs(pub PathBuf);

impl ScriptedDialogs {
    /// The file named by `JUNTOS_TEST_DIALOGS`, in a build with the `e2e`
    /// feature; always `None` in any other build.
    pub fn from_env() -> Option<ScriptedDialogs> {
        if cfg!(feature = "e2e") {
            std::env::var_os(TEST_ANSWERS).map(|file| ScriptedDialogs(file.into()))
        } else {
            None
        }
    }
}

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

fn scripted<R: Runtime>(app: &AppHandle<R>, key: &str) -> Option<serde_json::Value> {
    let file = app.try_state::<ScriptedDialogs>()?;
    let text = std::fs::read_to_string(&file.0).ok()?;
    let answers: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(answers.get(key).cloned().unwrap_or(serde_json::Value::Null))
}

/// A file or folder the person chose, or `None` when they cancelled.
pub fn pick<R: Runtime>(app: &AppHandle<R>, kind: Pick, title: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted(app, kind.key()) {
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
    if let Some(answer) = scripted(app, "confirm") {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "e2e"))]
    #[test]
    fn a_build_without_the_e2e_feature_ignores_the_variable() {
        std::env::set_var(TEST_ANSWERS, "/tmp/answers.json");
        assert!(ScriptedDialogs::from_env().is_none());
    }

    #[cfg(feature = "e2e")]
    #[test]
    fn the_e2e_build_answers_from_the_named_file() {
        std::env::set_var(TEST_ANSWERS, "/tmp/answers.json");
        let scripted = ScriptedDialogs::from_env().expect("the e2e build reads the variable");
        assert_eq!(scripted.0, PathBuf::from("/tmp/answers.json"));
    }
}
