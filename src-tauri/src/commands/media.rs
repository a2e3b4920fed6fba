//! The media panel: attach with the native file dialog (a long job with
//! progress and cancel), captions per language, rename, detach, warnings.

use juntos::media::CaptionInfo;
use juntos::model::Lang;
use juntos::{ErrorReport, MediaItem, MediaStatus};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, Pick};
use crate::state::JobProgress;
use crate::LibraryState;

#[tauri::command(async)]
pub fn list_media(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<Vec<MediaItem>, ErrorReport> {
    state.with(|library| library.list_media(&course_id))
}

/// The WebVTT text of a video's captions in one language, for the lesson
/// preview's `<track>` (`None` when that language has none).
#[tauri::command(async)]
pub fn caption_text(
    state: State<'_, LibraryState>,
    course_id: String,
    name: String,
    lang: Lang,
) -> Result<Option<String>, ErrorReport> {
    state.with(|library| library.captions(&course_id, &name, lang))
}

#[tauri::command(async)]
pub fn media_status(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<MediaStatus, ErrorReport> {
    state.with(|library| library.media_status(&course_id))
}

/// Asks for a file, then copies it into the library on its own connection,
/// reporting progress on `progress`; `job` names it for [`cancel_job`].
/// `None` when the person cancelled the dialog.
#[tauri::command(async)]
pub fn attach_media<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
    title: String,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<Option<MediaItem>, ErrorReport> {
    let Some(path) = dialogs::pick(&app, Pick::Media, &title) else { return Ok(None) };
    state
        .run_job(&job, progress, |library, reporter| {
            library.attach_media(&course_id, &path, None, reporter.media())
        })
        .map(Some)
}

/// Stops a running job (attach, export, import); `false` when it had already ended.
#[tauri::command]
pub fn cancel_job(state: State<'_, LibraryState>, job: String) -> bool {
    state.cancel_job(&job)
}

/// Asks for an `.srt` or `.vtt` file and attaches it as captions in `lang`.
#[tauri::command(async)]
pub fn choose_captions<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
    name: String,
    lang: Lang,
    title: String,
) -> Result<Option<CaptionInfo>, ErrorReport> {
    let Some(path) = dialogs::pick(&app, Pick::Captions, &title) else { return Ok(None) };
    state.with(|library| library.set_captions(&course_id, &name, lang, &path)).map(Some)
}

#[tauri::command(async)]
pub fn remove_captions(
    state: State<'_, LibraryState>,
    course_id: String,
    name: String,
    lang: Lang,
) -> Result<bool, ErrorReport> {
    state.with(|library| library.remove_captions(&course_id, &name, lang))
}

#[tauri::command(async)]
pub fn rename_media(
    state: State<'_, LibraryState>,
    course_id: String,
    name: String,
    new_name: String,
) -> Result<MediaItem, ErrorReport> {
    state.with(|library| library.rename_media(&course_id, &name, &new_name))
}

#[tauri::command(async)]
pub fn detach_media(
    state: State<'_, LibraryState>,
    course_id: String,
    name: String,
) -> Result<(), ErrorReport> {
    state.with(|library| library.detach_media(&course_id, &name))
}
