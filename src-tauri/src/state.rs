//! The library the app works on, held in Tauri state, and the long jobs
//! running on it.
//!
//! `juntos::Library` owns a SQLite connection and is not `Sync`, so it sits
//! behind a `Mutex`. When opening fails we keep the error instead of panicking
//! (and never delete or recreate the database): the UI shows it translated,
//! and the person can restore a backup or pick another folder.
//!
//! Long jobs (attach a video, export, import) do not hold that mutex for
//! minutes: each opens its own connection on the same folder
//! ([`LibraryState::job_library`]); SQLite's WAL and the core's one write
//! path keep them consistent, and autosave keeps working during a copy.
//! Each job has a cancel flag, keyed by an id the UI chose.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use juntos::model::Lang;
use juntos::{ErrorReport, Library};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;

use crate::jobs::Reporter;

pub struct LibraryState {
    path: PathBuf,
    library: Result<Mutex<Library>, ErrorReport>,
    jobs: Mutex<HashMap<String, Arc<AtomicBool>>>,
    ui_lang: Mutex<Lang>,
}

impl LibraryState {
    /// Opens (or creates) the library at `path`, keeping any failure for the UI.
    pub fn open(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let library = Library::open(&path).map(Mutex::new).map_err(|e| ErrorReport::from(&e));
        LibraryState { path, library, jobs: Mutex::default(), ui_lang: Mutex::new(Lang::Pt) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the open library; core errors become [`ErrorReport`]s.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Library) -> juntos::Result<T>,
    ) -> Result<T, ErrorReport> {
        let library = self.library.as_ref().map_err(Clone::clone)?;
        // A panic in an earlier command poisons the lock; SQLite's own
        // transactions keep the data consistent, so carrying on is safe.
        let mut library = library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut library).map_err(|e| ErrorReport::from(&e))
    }

    /// A second connection to the same library, for a long job on a worker thread.
    pub fn job_library(&self) -> Result<Library, ErrorReport> {
        self.library.as_ref().map_err(Clone::clone)?;
        Library::open(&self.path).map_err(|e| ErrorReport::from(&e))
    }

    /// Runs a long job named `id` on its own connection ([`Self::job_library`]),
    /// reporting progress on `progress` and stopping when [`Self::cancel_job`]
    /// is called with the same id.
    pub(crate) fn run_job<T>(
        &self,
        id: &str,
        progress: Channel<JobProgress>,
        f: impl FnOnce(&mut Library, &mut Reporter) -> juntos::Result<T>,
    ) -> Result<T, ErrorReport> {
        let mut library = self.job_library()?;
        let mut reporter = Reporter::new(progress, self.start_job(id));
        let result = f(&mut library, &mut reporter);
        self.end_job(id);
        result.map_err(|e| ErrorReport::from(&e))
    }

    /// Registers a job and returns its cancel flag.
    fn start_job(&self, id: &str) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        self.jobs.lock().unwrap_or_else(|p| p.into_inner()).insert(id.to_string(), flag.clone());
        flag
    }

    fn end_job(&self, id: &str) {
        self.jobs.lock().unwrap_or_else(|p| p.into_inner()).remove(id);
    }

    /// Asks a running job to stop; `false` when no job has that id (it already ended).
    pub fn cancel_job(&self, id: &str) -> bool {
        match self.jobs.lock().unwrap_or_else(|p| p.into_inner()).get(id) {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    /// The interface language, for the few texts the shell shows itself (native dialogs).
    pub fn ui_lang(&self) -> Lang {
        *self.ui_lang.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_ui_lang(&self, lang: Lang) {
        *self.ui_lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    }
}

/// What the UI shows about the app itself (the "about" line, settings, the footer).
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    /// The library folder, as the operating system spells it.
    pub library_path: String,
    /// Prefix of the URLs that serve course media to the preview and the cards:
    /// `http://127.0.0.1:<port>/<secret>/media/` (see `loopback`).
    pub media_base: String,
}

/// Progress of a long job, as the UI's progress bars read it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct JobProgress {
    #[ts(type = "number")]
    pub done: u64,
    /// Bytes in all, when known.
    #[ts(optional, type = "number")]
    pub total: Option<u64>,
    /// `writing`, `checking`, `committing` for packages; absent for media.
    #[ts(optional)]
    pub phase: Option<String>,
}
