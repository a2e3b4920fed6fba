//! The media panel's sign-language interpreter (issue 16): a video's
//! interpreter from a file (the native dialog, a job with progress and
//! cancel like any attach) or from the course's videos, with its offset and
//! language; removing it; the course's "needs interpretation" setting.
//! Thin over the core (`juntos::media::sign`).

use juntos::media::SignStatus;
use juntos::model::Lang;
use juntos::{ErrorReport, MediaItem};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, Pick};
use crate::state::JobProgress;
use crate::LibraryState;

/// Makes the course's video `interpreter` the interpreter of `video` in
/// `lang` (`None`: both languages), at video time + `offset_ms`.
#[tauri::command(async)]
pub fn set_interpreter(
    state: State<'_, LibraryState>,
    course_id: String,
    video: String,
    interpreter: String,
    lang: Option<Lang>,
    offset_ms: i64,
) -> Result<MediaItem, ErrorReport> {
    state.with(|library| library.set_interpreter(&course_id, &video, &interpreter, lang, offset_ms))
}

/// Asks for a video file, copies it into the course (progress on
/// `progress`, `job` for `cancel_job`) and makes it the interpreter of
/// `video`. `None` when the person cancelled the dialog.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn choose_interpreter<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
    video: String,
    lang: Option<Lang>,
    offset_ms: i64,
    title: String,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<Option<MediaItem>, ErrorReport> {
    let Some(path) = dialogs::pick(&app, Pick::Media, &title) else { return Ok(None) };
    state
        .run_job(&job, progress, |library, reporter| {
            library.attach_interpreter(
                &course_id,
                &video,
                &path,
                None,
                lang,
                offset_ms,
                reporter.media(),
            )
        })
        .map(Some)
}

/// Removes the interpreter of `video` in `lang` (`None`: all); `false` when there was none.
#[tauri::command(async)]
pub fn remove_interpreter(
    state: State<'_, LibraryState>,
    course_id: String,
    video: String,
    lang: Option<Lang>,
) -> Result<bool, ErrorReport> {
    state.with(|library| library.remove_interpreter(&course_id, &video, lang))
}

/// Says whether the course needs sign-language interpretation; returns the new state.
#[tauri::command(async)]
pub fn set_sign_required(
    state: State<'_, LibraryState>,
    course_id: String,
    required: bool,
) -> Result<SignStatus, ErrorReport> {
    state.with(|library| {
        library.set_sign_required(&course_id, required)?;
        library.sign_status(&course_id)
    })
}

#[tauri::command(async)]
pub fn sign_status(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<SignStatus, ErrorReport> {
    state.with(|library| library.sign_status(&course_id))
}
