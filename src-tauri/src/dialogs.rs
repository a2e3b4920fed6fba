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
    let lang = app
        .try_state::<crate::LibraryState>()
        .map(|s| s.ui_lang())
        .unwrap_or(juntos::model::Lang::Pt);
    let chosen = match kind {
        Pick::Folder => dialog.set_can_create_directories(true).blocking_pick_folder(),
        Pick::Media => dialog
            .add_filter(
                filter_name(Pick::Media, lang),
                &[
                    "mp4", "m4v", "mov", "3gp", "webm", "mp3", "m4a", "ogg", "oga", "png", "jpg",
                    "jpeg", "gif", "webp",
                ],
            )
            .blocking_pick_file(),
        Pick::Captions => dialog
            .add_filter(filter_name(Pick::Captions, lang), &["srt", "vtt"])
            .blocking_pick_file(),
        Pick::Cover => dialog
            .add_filter(filter_name(Pick::Cover, lang), &["png", "jpg", "jpeg", "webp", "gif"])
            .blocking_pick_file(),
        Pick::Package => {
            dialog.add_filter(filter_name(Pick::Package, lang), &["juntos"]).blocking_pick_file()
        }
        Pick::Xliff => dialog
            .add_filter(filter_name(Pick::Xliff, lang), &["xlf", "xliff"])
            .blocking_pick_file(),
    };
    chosen.and_then(|p| p.into_path().ok())
}

/// The name of a file dialog's filter, in the app's language (issue 13 item 11).
pub fn filter_name(kind: Pick, lang: juntos::model::Lang) -> &'static str {
    use juntos::model::Lang::{En, Pt};
    match (kind, lang) {
        (Pick::Media, Pt) => "Vídeos, imagens e sons",
        (Pick::Media, En) => "Videos, images and sounds",
        (Pick::Captions, Pt) => "Legendas (SRT, WebVTT)",
        (Pick::Captions, En) => "Captions (SRT, WebVTT)",
        (Pick::Cover, Pt) => "Imagens (PNG, JPEG, WebP, GIF)",
        (Pick::Cover, En) => "Images (PNG, JPEG, WebP, GIF)",
        (Pick::Package, Pt) => "Pacotes Juntos (.juntos)",
        (Pick::Package, En) => "Juntos packages (.juntos)",
        (Pick::Xliff, Pt) => "Traduções XLIFF (.xlf, .xliff)",
        (Pick::Xliff, En) => "XLIFF translations (.xlf, .xliff)",
        (Pick::Folder, Pt) => "Pastas",
        (Pick::Folder, En) => "Folders",
    }
}

/// Opens a file the app wrote (the learner's view of a course) with the
/// system's program for it. With scripted dialogs (tests), nothing is
/// opened: the caller returns the path, which the test checks.
pub fn open_file<R: Runtime>(app: &AppHandle<R>, path: &std::path::Path) {
    if app.try_state::<ScriptedDialogs>().is_some() {
        return;
    }
    let _ = tauri_plugin_opener::open_path(path, None::<&str>);
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

    #[test]
    fn filter_names_follow_the_app_language() {
        use juntos::model::Lang::{En, Pt};
        let kinds =
            [Pick::Media, Pick::Captions, Pick::Cover, Pick::Folder, Pick::Package, Pick::Xliff];
        for kind in kinds {
            assert_ne!(filter_name(kind, Pt), filter_name(kind, En), "{kind:?}");
        }
        assert_eq!(filter_name(Pick::Media, Pt), "Vídeos, imagens e sons");
        assert_eq!(filter_name(Pick::Media, En), "Videos, images and sounds");
    }

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
