//! The library the app works on, held in Tauri state.
//!
//! `juntos::Library` owns a SQLite connection and is not `Sync`, so it sits
//! behind a `Mutex`. When opening fails we keep the error instead of panicking
//! (and never delete or recreate the database): the UI shows it translated,
//! and the person can restore a backup or pick another folder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use juntos::{ErrorReport, Library};
use serde::{Deserialize, Serialize};

pub struct LibraryState {
    path: PathBuf,
    library: Result<Mutex<Library>, ErrorReport>,
}

impl LibraryState {
    /// Opens (or creates) the library at `path`, keeping any failure for the UI.
    pub fn open(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let library = Library::open(&path).map(Mutex::new).map_err(|e| ErrorReport::from(&e));
        LibraryState { path, library }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the open library; core errors become [`ErrorReport`]s.
    pub fn with<T>(&self, f: impl FnOnce(&Library) -> juntos::Result<T>) -> Result<T, ErrorReport> {
        let library = self.library.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command poisons the lock; SQLite's own
        // transactions keep the data consistent, so carrying on is safe.
        let library = library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&library).map_err(|e| ErrorReport::from(&e))
    }
}

/// What the UI shows about the app itself (the "about" line and the footer).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    /// The library folder, as the operating system spells it.
    pub library_path: String,
}
