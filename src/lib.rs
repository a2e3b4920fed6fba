//! Juntos Studio's core: a library of bilingual (Portuguese/English) courses
//! kept in SQLite, and everything a person can do with it.
//!
//! The desktop shell and the `juntos` command line are thin layers over this
//! crate; neither touches SQLite or the file layout directly.

pub mod atomic_file;
pub mod course_file;
mod courses;
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

pub use courses::CourseField;
pub use error::{Error, ErrorReport, Result};
pub use library::{Library, DATABASE_FILE, MEDIA_DIR};
pub use media::cover::{CourseCard, COVER_STEM};
pub use media::{MediaItem, MediaStatus, Progress};
pub use package::{ExportFormat, ExportPreflight, ImportPreview, LocalCopy};
pub use store::{SearchHit, TextRange};
