//! Translation with translators' tools: the XLIFF file of a course goes out
//! to a folder the person picks, and a translated one comes back in. Both
//! are thin over the core (`src/xliff`), which refuses a file for another
//! course or with unknown units without changing anything.

use std::path::PathBuf;
use std::sync::Mutex;

use juntos::xliff::{Choices, ImportReport};
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

/// The file of the last XLIFF import, so that the person's choices on its
/// conflicts re-apply the same file without the UI ever naming a path.
static LAST_IMPORTED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Applies a translated XLIFF file chosen in the native dialog; `None`
/// when the person cancelled. With `again`, applies the file of the last
/// import once more (no dialog) with the person's choices on its conflicts:
/// the units in `take_theirs` (or all, with `take_all_theirs`) take the
/// translator's text; every other conflict keeps the local text.
#[tauri::command(async)]
pub fn import_xliff<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    title: String,
    again: Option<bool>,
    take_theirs: Option<Vec<String>>,
    take_all_theirs: Option<bool>,
) -> Result<Option<ImportReport>, ErrorReport> {
    let mut last = LAST_IMPORTED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let path = if again.unwrap_or(false) {
        last.clone()
    } else {
        dialogs::pick(&app, Pick::Xliff, &title)
    };
    let Some(path) = path else { return Ok(None) };
    *last = Some(path.clone());
    drop(last);
    let choices = Choices {
        take_theirs: take_theirs.unwrap_or_default(),
        take_all_theirs: take_all_theirs.unwrap_or(false),
    };
    state.with(|library| library.xliff_import_file_with(&path, &choices)).map(Some)
}
