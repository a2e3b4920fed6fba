//! One stick, many courses (issue #18): a `Juntos/` folder that learners
//! open in any browser as a catalogue, that another copy of Juntos Studio
//! lists and imports from, and that is rewritten in place, writing only what
//! changed, safely against a stick pulled out at any moment.
//!
//! The format is `docs/stick-format.md`. The pieces, one thing each:
//!
//! - [`catalogue`]: the catalogue page's data (format 1), shared with the
//!   TypeScript page through `ui/src/bindings.ts`;
//! - [`plan`]: every file of a set of courses, planned from the library
//!   (reusing the package export's signed plan and the player's files);
//! - [`manifest`]: the signed stick manifest (`juntos-stick.json`);
//! - [`write`]: the pre-flight and the update protocol (temporary names,
//!   fsync, rename; the manifest switched last);
//! - `stamp`: the modification time that lets a rewrite trust a file it
//!   wrote without reading it back, but not one replaced since;
//! - [`verify`]: every file against the signed manifests;
//! - [`import`]: listing against the library, and importing a course by
//!   reading its folder as the signed package it is (the package import
//!   does the rest);
//! - [`errors`]: the pt/en messages of the stick's errors.

mod assets;
pub mod catalogue;
mod errors;
mod existing;
pub mod import;
mod library_ops;
pub mod manifest;
pub mod plan;
pub mod preflight;
mod stamp;
pub mod verify;
pub mod write;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use catalogue::{Catalogue, CatalogueCourse, CatalogueSearchEntry, CatalogueText};
pub use errors::StickError;

use crate::model::{Bilingual, Lang};
use crate::package::Languages;

/// The folder on the stick that holds everything.
pub const ROOT_DIR: &str = "Juntos";

/// Where the stick's folder is: `to` itself when it is already a `Juntos`
/// folder (or holds a stick manifest), else `to/Juntos`.
pub fn stick_root(to: &std::path::Path) -> PathBuf {
    let named = to.file_name().map(|n| n.eq_ignore_ascii_case(ROOT_DIR)).unwrap_or(false);
    if named || to.join(manifest::MANIFEST).is_file() {
        to.to_path_buf()
    } else {
        to.join(ROOT_DIR)
    }
}

/// What to write on a stick.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickOptions {
    /// The stick (or any folder): `Juntos/` is made inside it.
    pub to: PathBuf,
    /// Courses as a person names them (slug, id, title); empty = every course.
    pub courses: Vec<String>,
    pub languages: Languages,
}

/// One course of a planned set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickCourse {
    pub id: String,
    pub slug: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    pub title: Bilingual,
    /// Bytes of this course's own files and media (shared media counted in each).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}

/// The pre-flight: what a write would do, before any byte is written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickPreflight {
    /// The `Juntos/` folder.
    pub root: PathBuf,
    pub courses: Vec<StickCourse>,
    pub languages: Vec<Lang>,
    /// Files and bytes of the whole set (media counted once).
    pub files: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_bytes: u64,
    /// What is not on the stick yet (all of it on a new stick).
    pub files_to_write: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_to_write: u64,
    /// Bytes of the whole set for each language choice.
    pub bytes_by_choice: BytesByChoice,
    /// Free space on the stick (null when the file system does not say).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub available: Option<u64>,
    pub fat32: bool,
    /// The largest file and its size.
    pub largest_file: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub largest_size: u64,
    /// Why the write would be refused (none: it fits).
    pub problem: Option<crate::ErrorReport>,
}

/// Bytes of a set written with Portuguese only, English only, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BytesByChoice {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pt: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub en: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub both: u64,
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickWriteReport {
    pub root: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub generation: u64,
    pub courses: Vec<StickCourse>,
    pub languages: Vec<Lang>,
    /// The whole set.
    pub files: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_bytes: u64,
    /// What this write actually wrote (manifests included) and removed.
    pub files_written: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes_written: u64,
    pub files_removed: usize,
}

/// What is wrong with one file on a stick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StickFileProblem {
    /// Listed by the manifest, not on the stick.
    Missing,
    /// On the stick with another size or SHA-256 than the manifest's.
    Changed,
    /// On the stick, listed by no manifest.
    Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickProblem {
    /// Relative to `Juntos/`.
    pub path: String,
    pub problem: StickFileProblem,
}

/// `stick verify`: every file against the signed manifests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickVerifyReport {
    pub root: PathBuf,
    pub ok: bool,
    pub format_version: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub generation: u64,
    pub written_at: String,
    pub organisation: String,
    pub fingerprint: String,
    pub languages: Vec<Lang>,
    pub courses: usize,
    pub files: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// A write was interrupted: the stick holds files of two signed sets.
    pub interrupted: bool,
    /// Files left by an interrupted write (harmless; the next write removes them).
    pub leftovers: usize,
    pub problems: Vec<StickProblem>,
}

/// A course on a stick compared with the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StickCourseState {
    /// Not in this library.
    New,
    /// A newer revision than the one here, which was not edited since it arrived.
    Newer,
    /// The same revision.
    Same,
    /// An older revision than the one here.
    Older,
    /// Edited here (or made here, or from another organisation): importing
    /// keeps the course here and adds the stick's as a copy.
    LocalEdits,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickListEntry {
    pub id: String,
    pub slug: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    pub title: Bilingual,
    pub state: StickCourseState,
    /// The course here, when there is one.
    pub local_course_id: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub local_revision: Option<i64>,
}

/// `stick list`: the stick's courses against the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StickListing {
    pub root: PathBuf,
    pub organisation: String,
    pub fingerprint: String,
    pub languages: Vec<Lang>,
    pub written_at: String,
    pub courses: Vec<StickListEntry>,
}
