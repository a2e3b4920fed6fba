//! Learners' results (issue 17): import the files the player saved (chosen
//! in the native dialog or dropped on the window), the figures of a course,
//! its learners (merge, delete), and the CSV export through the native save
//! dialog. Each command is a few lines over the core (`src/results`), which
//! checks every file before writing anything.
//!
//! The dialogs are opened here rather than through `dialogs::pick`, which
//! picks one file of a fixed kind: results come several files at a time and
//! the export needs a save dialog. With scripted dialogs (tests) the answers
//! are read from the same JSON file: `"results"` (a path or a list of
//! paths) and `"save"` (a path), `null` = cancelled.

use std::path::PathBuf;

use juntos::results::{ResultsDashboard, ResultsFilter, ResultsImportReport, ResultsLearner};
use juntos::ErrorReport;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::dialogs::ScriptedDialogs;
use crate::LibraryState;

/// The scripted answer for `key`, when the app's dialogs are scripted.
fn scripted<R: Runtime>(app: &AppHandle<R>, key: &str) -> Option<serde_json::Value> {
    let file = app.try_state::<ScriptedDialogs>()?;
    let text = std::fs::read_to_string(&file.0).ok()?;
    let answers: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(answers.get(key).cloned().unwrap_or(serde_json::Value::Null))
}

/// Results files chosen in the native dialog (several at once); empty when
/// the person cancelled.
#[tauri::command(async)]
pub fn choose_results_files<R: Runtime>(app: AppHandle<R>, title: String) -> Vec<PathBuf> {
    if let Some(answer) = scripted(&app, "results") {
        return match answer {
            serde_json::Value::String(one) => vec![PathBuf::from(one)],
            serde_json::Value::Array(many) => {
                many.iter().filter_map(|v| v.as_str().map(PathBuf::from)).collect()
            }
            _ => Vec::new(),
        };
    }
    app.dialog()
        .file()
        .set_title(&title)
        .add_filter("Juntos (.juntos-results)", &["juntos-results"])
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// Imports the files (from the dialog or dropped on the window): all are
/// checked first, then written in one transaction; a refused file changes
/// nothing. A stick of 50 results files imports in 16–86 ms (44–187 ms on a busy machine;
/// `docs/performance.md`, Results), so this is one call rather than a job
/// with progress: `async` runs it off the window's thread, and a batch in
/// one transaction has no half-imported state to cancel out of.
#[tauri::command(async)]
pub fn import_results(
    state: State<'_, LibraryState>,
    paths: Vec<PathBuf>,
) -> Result<ResultsImportReport, ErrorReport> {
    state.with(|library| library.import_results(&paths))
}

#[tauri::command(async)]
pub fn results_dashboard(
    state: State<'_, LibraryState>,
    course_id: String,
    filter: ResultsFilter,
) -> Result<ResultsDashboard, ErrorReport> {
    state.with(|library| library.results_dashboard(&course_id, &filter))
}

#[tauri::command(async)]
pub fn results_learners(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<Vec<ResultsLearner>, ErrorReport> {
    state.with(|library| library.results_learners(&course_id))
}

/// Counts learner `merge` as learner `keep` from now on; returns the kept id.
#[tauri::command(async)]
pub fn merge_learners(
    state: State<'_, LibraryState>,
    course_id: String,
    keep: String,
    merge: String,
) -> Result<String, ErrorReport> {
    state.with(|library| library.merge_learners(&course_id, &keep, &merge))
}

/// Deletes a learner's results for good; returns the ids deleted.
#[tauri::command(async)]
pub fn delete_learner(
    state: State<'_, LibraryState>,
    course_id: String,
    learner: String,
) -> Result<Vec<String>, ErrorReport> {
    state.with(|library| library.delete_learner(&course_id, &learner))
}

/// Writes the CSV (one row per learner and lesson, UTF-8 with BOM) where the
/// person chooses in the native save dialog; `None` when they cancelled.
#[tauri::command(async)]
pub fn export_results_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, LibraryState>,
    course_id: String,
    filter: ResultsFilter,
    title: String,
    file_name: String,
) -> Result<Option<PathBuf>, ErrorReport> {
    let path = match scripted(&app, "save") {
        Some(answer) => answer.as_str().map(PathBuf::from),
        None => app
            .dialog()
            .file()
            .set_title(&title)
            .set_file_name(&file_name)
            .add_filter("CSV", &["csv"])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    state.with(|library| library.export_results_csv(&course_id, &filter, &path))?;
    Ok(Some(path))
}
