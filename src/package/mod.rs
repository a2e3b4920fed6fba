//! The `.juntos` package: one zip file that a partner can import (verified
//! and signed) and a learner can unzip and open in a browser.
//!
//! The format is specified in `docs/package-format.md`; the security model in
//! `docs/security.md`. The pieces, each doing one thing:
//!
//! - [`manifest`] and [`course_file`]: what the entries mean;
//! - [`export`] plans a package and [`writer`] writes it, deterministic and
//!   streamed, atomically next to its final name ([`fsinfo`] checks the disk
//!   first); `unpacked` writes the same entries as a folder;
//! - [`archive`] opens a package as hostile input ([`paths`] is the name
//!   rule, [`cdwalk`] our own look at the zip structure, [`limits`] the
//!   caps), [`verify`] checks signature and hashes into a [`staging`] folder,
//!   and [`import`] decides and commits in one transaction;
//! - `preflight` and `preview` are what the app's export and import dialogs
//!   show before anything is written;
//! - every refusal is an [`Error::PackageRefused`](crate::Error) naming the
//!   entry and a [`Problem`].

pub mod archive;
mod bin;
mod cdwalk;
mod content;
pub mod course_file;
pub mod diff;
pub(crate) mod errors;
pub mod export;
pub mod fsinfo;
pub mod import;
mod json;
mod library_ops;
pub mod limits;
pub mod manifest;
mod missing;
pub mod paths;
mod preflight;
mod preview;
mod problem;
pub mod progress;
pub(crate) mod rows;
pub mod staging;
mod unpacked;
pub mod verify;
pub mod writer;

pub use bin::BinnedCourse;
pub use diff::Changes;
pub(crate) use errors::error_messages;
pub use export::{ExportOptions, ExportReport, Languages};
pub use import::{CopyReason, ImportOutcome, ImportReport};
pub use library_ops::{ImportOptions, SavedRevision, VerifyReport};
pub use limits::Limits;
pub use paths::PathProblem;
pub use preflight::{ExportFormat, ExportPreflight};
pub use preview::{ImportPreview, LocalCopy};
pub use problem::Problem;
pub use progress::{no_progress, Phase, Progress};
