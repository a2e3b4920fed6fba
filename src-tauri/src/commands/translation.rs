//! Translation with translators' tools: the XLIFF file of a course goes out
//! to a folder the person picks, and a translated one comes back in. Both
//! are thin over the core (`src/xliff`), which refuses a file for another
//! course or with unknown units without changing anything.

use std::path::PathBuf;

use juntos::xliff::ImportReport;
use juntos::ErrorReport;
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, Pick};
use crate::LibraryState;

/// Writes the course's XLIFF into a folder chosen in the native dialog;
/// `None` when the person cancelled. Never overwrites a file.
#[tauri::command(async)]
pub fn export_xliff<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
    title: String,
) -> Result<Option<PathBuf>, ErrorReport> {
    let Some(folder) = dialogs::pick(&app, Pick::Folder, &title) else { return Ok(None) };
    state.with(|library| library.xliff_export_into(&course_id, &folder)).map(Some)
}

/// Applies a translated XLIFF file chosen in the native dialog; `None`
/// when the person cancelled.
#[tauri::command(async)]
pub fn import_xliff<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    title: String,
) -> Result<Option<ImportReport>, ErrorReport> {
    let Some(path) = dialogs::pick(&app, Pick::Xliff, &title) else { return Ok(None) };
    state.with(|library| library.xliff_import_file(&path)).map(Some)
}
