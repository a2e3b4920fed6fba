//! Export and import dialogs: choose where, check before starting, run as a
//! long job with progress and cancel.

use std::path::PathBuf;

use juntos::package::{
    ExportOptions, ExportReport, ImportOptions, ImportReport, Languages, SavedRevision,
};
use juntos::scorm::manifest::{FailedStatus, ScormOptions};
use juntos::{ErrorReport, ExportFormat, ExportPreflight, ImportPreview};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::dialogs::{self, Pick};
use crate::state::JobProgress;
use crate::LibraryState;

/// A folder (a USB stick, usually) chosen in the native dialog.
#[tauri::command(async)]
pub fn choose_folder<R: Runtime>(app: AppHandle<R>, title: String) -> Option<PathBuf> {
    dialogs::pick(&app, Pick::Folder, &title)
}

/// USB sticks mounted now, offered first in the export dialog.
#[tauri::command(async)]
pub fn removable_drives() -> Vec<crate::drives::Drive> {
    crate::drives::removable_drives()
}

/// A `.juntos` file chosen in the native dialog.
#[tauri::command(async)]
pub fn choose_package<R: Runtime>(app: AppHandle<R>, title: String) -> Option<PathBuf> {
    dialogs::pick(&app, Pick::Package, &title)
}

#[tauri::command(async)]
pub fn export_preflight(
    state: State<'_, LibraryState>,
    course_id: String,
    folder: PathBuf,
    languages: Languages,
    format: ExportFormat,
) -> Result<ExportPreflight, ErrorReport> {
    state.with(|library| library.export_preflight(&course_id, &folder, languages, format))
}

// Every IPC argument is a parameter of the command (Tauri's convention):
// the dialog's choices, the job id and its progress channel.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn export_course(
    state: State<'_, LibraryState>,
    course_id: String,
    folder: PathBuf,
    languages: Languages,
    format: ExportFormat,
    overwrite: bool,
    job: String,
    progress: Channel<JobProgress>,
    scorm_failed: Option<bool>,
) -> Result<ExportReport, ErrorReport> {
    let options = ExportOptions { to: Some(folder), languages, overwrite };
    // SCORM only: a quiz not passed reports "failed" instead of "incomplete".
    let scorm = ScormOptions {
        failed_status: match scorm_failed {
            Some(true) => FailedStatus::Failed,
            _ => FailedStatus::Incomplete,
        },
    };
    state.run_job(&job, progress, |library, reporter| {
        library.export_as(&course_id, &options, format, scorm, reporter.package())
    })
}

/// Verifies the package completely and says what importing it would change.
#[tauri::command(async)]
pub fn import_preview(
    state: State<'_, LibraryState>,
    path: PathBuf,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<ImportPreview, ErrorReport> {
    state.run_job(&job, progress, |library, reporter| {
        library.import_preview(&path, reporter.package())
    })
}

#[tauri::command(async)]
pub fn import_package(
    state: State<'_, LibraryState>,
    path: PathBuf,
    trust: bool,
    as_copy: bool,
    trust_different_organisation: Option<String>,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<ImportReport, ErrorReport> {
    // `trust_different_organisation`: the fingerprint of a new organisation
    // whose name looks like a trusted one's, which the person accepted as a
    // different organisation after seeing both fingerprints.
    let options =
        ImportOptions { trust, as_copy, trust_different_organisation, ..ImportOptions::default() };
    state.run_job(&job, progress, |library, reporter| {
        library.import_package(&path, &options, reporter.package())
    })
}

/// Revisions of a course that imports replaced, oldest first: what "restore
/// the previous version" offers.
#[tauri::command(async)]
pub fn saved_revisions(
    state: State<'_, LibraryState>,
    course_id: String,
) -> Result<Vec<SavedRevision>, ErrorReport> {
    state.with(|library| library.saved_revisions(&course_id))
}

/// Puts back a revision an import replaced (the current content is saved
/// first, so this can be undone too); returns the media no longer stored.
#[tauri::command(async)]
pub fn restore_revision(
    state: State<'_, LibraryState>,
    course_id: String,
    revision: i64,
) -> Result<Vec<String>, ErrorReport> {
    state.with(|library| library.restore_revision(&course_id, revision))
}
