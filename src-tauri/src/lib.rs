//! Juntos Studio's desktop shell: a thin Tauri layer over the `juntos` core.
//!
//! Why it is shaped like this:
//! - Everything a person can do lives in the core; this crate only adapts the
//!   core to IPC. Commands are a few lines each (see [`commands`]).
//! - [`setup`] is generic over the runtime so that the tests build the very same
//!   app on `tauri::test::mock_builder()` and call the commands through real IPC
//!   deserialization without a display.
//! - The library is not put into state by [`setup`]: [`run`] opens the one at
//!   [`juntos::Library::default_location`], and tests put in a library they made
//!   in a temp folder. No globals.
//! - A library that fails to open does not stop the app: the failure is kept in
//!   [`LibraryState`] and every command answers with it, so the window can say
//!   what went wrong, in the person's language.
//! - One library, one writer: a second launch on the same library focuses
//!   the running window ([`single_instance`]).
//! - Never lose typing: closing the window first asks the UI to save
//!   ([`CloseGuard`]); the window closes when the UI says it is done.
//! - The web view never navigates away ([`navigation`]); course media reach
//!   the web view only through the [`loopback`] server (WebKitGTK cannot
//!   play video from an app's own URI scheme).

pub mod commands;
pub mod dialogs;
pub mod drives;
mod jobs;
pub mod loopback;
pub mod navigation;
pub mod single_instance;
mod state;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager, WindowEvent};

pub use state::{AppInfo, JobProgress, LibraryState};

/// The event the UI receives when the person closes the window: save, then call `close_window`.
pub const CLOSE_REQUESTED: &str = "close-requested";
/// A UI that has not answered a close request after this long (a hung page)
/// no longer holds the window: the next close request closes it.
const CLOSE_PATIENCE: Duration = Duration::from_secs(10);

/// Holds a close request until the UI has saved.
#[derive(Default)]
pub struct CloseGuard {
    confirmed: AtomicBool,
    requested: Mutex<Option<Instant>>,
}

impl CloseGuard {
    pub fn confirm(&self) {
        self.confirmed.store(true, Ordering::SeqCst);
    }

    /// True when the window may close now; otherwise the UI is asked to save first.
    fn may_close(&self) -> bool {
        if self.confirmed.load(Ordering::SeqCst) {
            return true;
        }
        let mut requested = self.requested.lock().unwrap_or_else(|p| p.into_inner());
        match *requested {
            Some(at) if at.elapsed() > CLOSE_PATIENCE => true,
            _ => {
                requested.get_or_insert_with(Instant::now);
                false
            }
        }
    }
}

/// Registers the commands on a builder of any runtime. Used by [`run`] and by tests.
pub fn setup<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .manage(CloseGuard::default())
        .plugin(tauri_plugin_dialog::init())
        .plugin(navigation::plugin())
        .plugin(loopback::plugin())
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                if !window.state::<CloseGuard>().may_close() {
                    api.prevent_close();
                    let _ = window.emit_to(window.label(), CLOSE_REQUESTED, ());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::library::app_info,
            commands::library::list_courses,
            commands::library::course_cards,
            commands::library::search,
            commands::library::create_course,
            commands::library::duplicate_course,
            commands::library::delete_course,
            commands::library::binned_courses,
            commands::library::restore_deleted_course,
            commands::library::empty_bin,
            commands::library::get_course,
            commands::library::translation_status,
            commands::editor::add_module,
            commands::editor::rename_module,
            commands::editor::delete_module,
            commands::editor::move_module,
            commands::editor::add_lesson,
            commands::editor::delete_lesson,
            commands::editor::move_lesson,
            commands::editor::set_lesson_text,
            commands::editor::set_lesson_minutes,
            commands::editor::mark_lesson_reviewed,
            commands::editor::set_quiz,
            commands::editor::mark_quiz_reviewed,
            commands::editor::lesson_status,
            commands::editor::render_preview,
            commands::editor::see_as_learner,
            commands::editor::update_course,
            commands::editor::set_course_text,
            commands::editor::mark_course_reviewed,
            commands::editor::choose_cover,
            commands::editor::remove_cover,
            commands::media::list_media,
            commands::media::media_status,
            commands::media::attach_media,
            commands::media::cancel_job,
            commands::media::choose_captions,
            commands::media::remove_captions,
            commands::media::caption_text,
            commands::media::rename_media,
            commands::media::detach_media,
            commands::sign::set_interpreter,
            commands::sign::choose_interpreter,
            commands::sign::remove_interpreter,
            commands::sign::set_sign_required,
            commands::sign::sign_status,
            commands::prepare::plan_prepare,
            commands::prepare::prepare_videos,
            commands::prepare::prepared_media,
            commands::prepare::restore_original_media,
            commands::package::choose_folder,
            commands::package::removable_drives,
            commands::package::choose_package,
            commands::package::export_preflight,
            commands::package::export_course,
            commands::package::import_preview,
            commands::package::import_package,
            commands::package::saved_revisions,
            commands::package::restore_revision,
            commands::stick::stick_preflight,
            commands::stick::write_stick,
            commands::stick::verify_stick,
            commands::stick::stick_list,
            commands::stick::stick_import,
            commands::translation::export_xliff,
            commands::translation::import_xliff,
            commands::results::choose_results_files,
            commands::results::import_results,
            commands::results::results_dashboard,
            commands::results::results_learners,
            commands::results::merge_learners,
            commands::results::delete_learner,
            commands::results::export_results_csv,
            commands::settings::org_identity,
            commands::settings::set_org_name,
            commands::settings::trusted_organisations,
            commands::settings::untrust_organisation,
            commands::settings::set_ui_language,
            commands::settings::close_window,
        ])
}

/// Starts the desktop app on the library at the default location.
pub fn run() {
    let location = juntos::Library::default_location();
    let state = LibraryState::open(location.clone());
    let context = tauri::generate_context!();
    // First, so that a second launch on this library exits before opening a window.
    let one_writer = single_instance::plugin(&context.config().identifier, &location);
    let mut builder = setup(tauri::Builder::default().plugin(one_writer)).manage(state);
    // End-to-end builds only (`--features e2e`): dialogs answered from a file.
    if let Some(scripted) = dialogs::ScriptedDialogs::from_env() {
        builder = builder.manage(scripted);
    }
    builder.run(context).expect("the Tauri runtime failed to start");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_waits_for_the_ui_unless_it_never_answers() {
        let guard = CloseGuard::default();
        assert!(!guard.may_close(), "the first request asks the UI to save");
        assert!(!guard.may_close(), "and so does a second one soon after");
        *guard.requested.lock().unwrap() =
            Some(Instant::now() - CLOSE_PATIENCE - Duration::from_secs(1));
        assert!(guard.may_close(), "a UI silent for too long no longer holds the window");
        let guard = CloseGuard::default();
        guard.confirm();
        assert!(guard.may_close(), "once the UI saved, the window closes");
    }
}
