//! Juntos Studio's core: a library of bilingual (Portuguese/English) courses
//! kept in SQLite, and everything a person can do with it.
//!
//! The desktop shell and the `juntos` command line are thin layers over this
//! crate; neither touches SQLite or the file layout directly.

mod app_support;
pub mod atomic_file;
pub mod error;
mod escape;
mod library;
pub mod media;
pub mod model;
pub mod org;
pub mod package;
pub mod player;
pub mod render;
mod resolve;
pub mod results;
mod sample;
pub mod scorm;
pub mod stick;
pub mod store;
pub mod xliff;

pub use app_support::{
    CourseCard, ExportFormat, ExportPreflight, ImportPreview, LocalCopy, COVER_STEM,
};
pub use error::{Error, ErrorReport, Result};
pub use library::{CourseField, Library, DATABASE_FILE, MEDIA_DIR};
pub use media::{MediaItem, MediaStatus, Progress};
pub use store::SearchHit;
