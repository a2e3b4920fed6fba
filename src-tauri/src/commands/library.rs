//! Read-only commands over the course library.
//!
//! Each command is a few lines over the core and errors cross IPC as
//! `juntos::ErrorReport` (`{ code, message_pt, message_en }`), so the UI can map
//! `code` to its own sentence. They run as `async` commands so that SQLite work
//! happens on Tauri's worker threads, never on the UI thread.

use juntos::model::{Course, CourseSummary, TranslationStatus};
use juntos::ErrorReport;
use tauri::State;

use crate::{AppInfo, LibraryState};

#[tauri::command(async)]
pub fn list_courses(state: State<'_, LibraryState>) -> Result<Vec<CourseSummary>, ErrorReport> {
    state.with(|library| library.list_courses())
}

#[tauri::command(async)]
pub fn get_course(state: State<'_, LibraryState>, id: String) -> Result<Course, ErrorReport> {
    state.with(|library| library.course(&id))
}

#[tauri::command(async)]
pub fn translation_status(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<TranslationStatus, ErrorReport> {
    state.with(|library| library.translation_status(&course_id))
}

/// Answers even when the library failed to open, so the UI can show where it is.
#[tauri::command]
pub fn app_info(state: State<'_, LibraryState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        library_path: state.path().display().to_string(),
    }
}
