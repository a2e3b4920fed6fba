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

pub mod commands;
mod state;

pub use state::{AppInfo, LibraryState};

/// Registers the commands on a builder of any runtime. Used by [`run`] and by tests.
pub fn setup<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::library::list_courses,
        commands::library::get_course,
        commands::library::translation_status,
        commands::library::app_info,
    ])
}

/// Starts the desktop app on the library at the default location.
pub fn run() {
    let state = LibraryState::open(juntos::Library::default_location());
    setup(tauri::Builder::default())
        .manage(state)
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
