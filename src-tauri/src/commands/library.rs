//! The library view: courses, their cards, search, new, duplicate, delete.
//!
//! Each command is a few lines over the core and errors cross IPC as
//! `juntos::ErrorReport` (`{ code, message_pt, message_en }`), so the UI can map
//! `code` to its own sentence. They run as `async` commands so that SQLite work
//! happens on Tauri's worker threads, never on the UI thread.

use juntos::model::{Course, CourseSummary, Lang, NewCourse, TranslationStatus};
use juntos::package::BinnedCourse;
use juntos::store::DEFAULT_SEARCH_RESULTS;
use juntos::{CourseCard, ErrorReport, SearchHit};
use tauri::State;

use crate::loopback::Loopback;
use crate::{AppInfo, LibraryState};

#[tauri::command(async)]
pub fn list_courses(state: State<'_, LibraryState>) -> Result<Vec<CourseSummary>, ErrorReport> {
    state.with(|library| library.list_courses())
}

/// Completeness, stale count and cover of the courses the UI is about to show.
#[tauri::command(async)]
pub fn course_cards(
    state: State<'_, LibraryState>,
    ids: Vec<String>,
) -> Result<Vec<CourseCard>, ErrorReport> {
    state.with(|library| library.course_cards(&ids))
}

#[tauri::command(async)]
pub fn search(
    state: State<'_, LibraryState>,
    query: String,
    limit: Option<usize>,
) -> Result<Vec<SearchHit>, ErrorReport> {
    // The core caps the number (juntos::store::MAX_SEARCH_RESULTS).
    state.with(|library| library.search(&query, limit.unwrap_or(DEFAULT_SEARCH_RESULTS)))
}

#[tauri::command(async)]
pub fn create_course(
    state: State<'_, LibraryState>,
    title: String,
    lang: Lang,
) -> Result<Course, ErrorReport> {
    // No organisation given: the core makes it the library's.
    let new = NewCourse { title, lang: Some(lang), ..NewCourse::default() };
    state.with(|library| library.create_course(new))
}

#[tauri::command(async)]
pub fn duplicate_course(state: State<'_, LibraryState>, id: String) -> Result<Course, ErrorReport> {
    state.with(|library| library.duplicate_course(&id))
}

/// Moves the course to the bin (restorable until the bin is emptied).
#[tauri::command(async)]
pub fn delete_course(state: State<'_, LibraryState>, id: String) -> Result<(), ErrorReport> {
    state.with(|library| library.delete_course(&id))
}

/// The deleted courses that can still come back, newest first.
#[tauri::command(async)]
pub fn binned_courses(state: State<'_, LibraryState>) -> Result<Vec<BinnedCourse>, ErrorReport> {
    state.with(|library| library.binned_courses())
}

/// Brings a deleted course back from the bin ("Desfazer / Undo").
#[tauri::command(async)]
pub fn restore_deleted_course(
    state: State<'_, LibraryState>,
    id: String,
) -> Result<Course, ErrorReport> {
    state.with(|library| library.restore_deleted_course(&id))
}

/// Forgets every deleted course for good; the UI confirms first. Says how many.
#[tauri::command(async)]
pub fn empty_bin(state: State<'_, LibraryState>) -> Result<usize, ErrorReport> {
    state.with(|library| library.empty_bin())
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
pub fn app_info(state: State<'_, LibraryState>, server: State<'_, Loopback>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        library_path: state.path().display().to_string(),
        media_base: server.media_base(),
    }
}
