//! The "Pen USB" view (issue #18): a set of courses written to a stick as a
//! catalogue, checked, listed against the library, imported. Thin: every
//! rule is in the core (`src/stick/`); long work runs as a job with
//! progress and cancel.

use std::path::PathBuf;

use juntos::package::{ImportOptions, ImportReport, Languages};
use juntos::stick::{
    StickListing, StickOptions, StickPreflight, StickVerifyReport, StickWriteReport,
};
use juntos::ErrorReport;
use tauri::ipc::Channel;
use tauri::State;

use crate::state::JobProgress;
use crate::LibraryState;

/// What writing these courses (all when empty) to the stick would do, per
/// language choice, and why it would be refused; writes nothing.
#[tauri::command(async)]
pub fn stick_preflight(
    state: State<'_, LibraryState>,
    to: PathBuf,
    courses: Vec<String>,
    languages: Languages,
) -> Result<StickPreflight, ErrorReport> {
    let options = StickOptions { to, courses, languages };
    state.with(|library| library.stick_preflight(&options))
}

/// Writes or updates the stick in place, as a job.
#[tauri::command(async)]
pub fn write_stick(
    state: State<'_, LibraryState>,
    to: PathBuf,
    courses: Vec<String>,
    languages: Languages,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<StickWriteReport, ErrorReport> {
    let options = StickOptions { to, courses, languages };
    state.run_job(&job, progress, |library, reporter| {
        library.write_stick(&options, reporter.package())
    })
}

/// Checks every file of the stick against its signed index, as a job.
#[tauri::command(async)]
pub fn verify_stick(
    state: State<'_, LibraryState>,
    path: PathBuf,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<StickVerifyReport, ErrorReport> {
    state.run_job(&job, progress, |library, reporter| {
        library.verify_stick(&path, reporter.package())
    })
}

/// The stick's courses against the library: new, newer, same, older, local edits.
#[tauri::command(async)]
pub fn stick_list(
    state: State<'_, LibraryState>,
    path: PathBuf,
) -> Result<StickListing, ErrorReport> {
    state.with(|library| library.stick_list(&path))
}

/// Imports the chosen courses (all when empty) with every rule of package import.
#[allow(clippy::too_many_arguments)]
#[tauri::command(async)]
pub fn stick_import(
    state: State<'_, LibraryState>,
    path: PathBuf,
    courses: Vec<String>,
    trust: bool,
    as_copy: bool,
    job: String,
    progress: Channel<JobProgress>,
) -> Result<Vec<ImportReport>, ErrorReport> {
    let options = ImportOptions { trust, as_copy, ..ImportOptions::default() };
    state.run_job(&job, progress, |library, reporter| {
        library.stick_import(&path, &courses, &options, reporter.package())
    })
}
