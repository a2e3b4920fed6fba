//! Courses for learning platforms: a SCORM 1.2 package for Moodle and other
//! LMSs, and an HTML5 app zip for Kolibri.
//!
//! Both are the offline player (`src/player.rs`) with the course's media,
//! taken from the `.juntos` export plan ([`export::plan`]) so that the files
//! and their bytes are exactly the ones a `.juntos` package carries, minus
//! what only a Juntos Studio import needs (`course.json`, `manifest.json`,
//! `manifest.sig`). A SCORM package adds `imsmanifest.xml` ([`manifest`]).
//! They are written like a `.juntos` package ([`export::write_package`]):
//! deterministic bytes, to `NAME.partial` in the target folder, fsynced,
//! then renamed.
//!
//! The player itself talks to the LMS: it looks for the SCORM 1.2 API in
//! its parent and opener windows and, when it finds one, reports status and
//! score and keeps its progress in `cmi.suspend_data` (see `docs/scorm.md`).
//! The manifest has one item per module, each launching the player with
//! `?module=<id>`, so in an LMS the player is one module's SCO and the LMS
//! tracks every module on its own. Without an LMS it is the standalone
//! player (the whole course), so the same files serve an LMS, Kolibri and a
//! USB stick.

pub mod manifest;

use std::ops::ControlFlow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::Course;
use crate::org::{OrgIdentity, OrgKey};
use crate::package::export::{self, ExportOptions, ExportReport, Languages, MediaSource};
use crate::package::manifest as package_manifest;
use crate::package::progress::Progress;
use crate::package::writer::Entry;
use crate::Library;

/// `imsmanifest.xml`, at the root of a SCORM package.
pub const IMSMANIFEST: &str = "imsmanifest.xml";

/// What a course is exported as for a learning platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum LmsFormat {
    /// A SCORM 1.2 package (Moodle's "SCORM package" activity and other LMSs).
    Scorm12,
    /// A Kolibri HTML5 app zip (`index.html` at the root).
    Html5,
}

impl LmsFormat {
    /// The part of the file name that says what the zip is for.
    pub fn suffix(self) -> &'static str {
        match self {
            LmsFormat::Scorm12 => "scorm12",
            LmsFormat::Html5 => "html5",
        }
    }
}

/// `<slug>.scorm12.zip`, `<slug>.html5.zip`, or `<slug>.<lang>.…zip` for one language.
pub fn file_name(slug: &str, languages: Languages, format: LmsFormat) -> String {
    format!("{}.{}.zip", export::base_name(slug, languages), format.suffix())
}

/// The entries of the zip, sorted by path: the player (`index.html`,
/// `player/…`) and `media/…` from the `.juntos` export plan, and for SCORM
/// `imsmanifest.xml` listing every one of them.
pub fn entries(
    course: &Course,
    media: Vec<MediaSource>,
    org: &OrgIdentity,
    key: &OrgKey,
    languages: Languages,
    format: LmsFormat,
) -> Vec<Entry> {
    entries_with(course, media, org, key, languages, format, manifest::ScormOptions::default())
}

/// [`entries`] with the SCORM manifest's per-export choices (`scorm` is
/// ignored for an HTML5 zip, which has no manifest).
pub fn entries_with(
    course: &Course,
    media: Vec<MediaSource>,
    org: &OrgIdentity,
    key: &OrgKey,
    languages: Languages,
    format: LmsFormat,
    scorm: manifest::ScormOptions,
) -> Vec<Entry> {
    // course.json stays out of these zips: the course's sign-language setting is not needed.
    let plan = export::plan(course, media, org, key, languages, false);
    let mut entries: Vec<Entry> = plan
        .entries
        .into_iter()
        .filter(|e| {
            e.path != package_manifest::MANIFEST
                && e.path != package_manifest::SIGNATURE
                && e.path != package_manifest::COURSE
        })
        .collect();
    if format == LmsFormat::Scorm12 {
        let files: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
        let xml = manifest::imsmanifest_with(course, languages, &files, scorm);
        entries.push(Entry::bytes(IMSMANIFEST, xml.into_bytes(), true));
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    entries
}

/// Writes `entries` as a zip at `target`, atomically (see [`export::write_package`]);
/// returns its size in bytes. Media entries come back with the CRC-32 the
/// copy learnt (see [`crate::package::writer::copy_checked`]).
pub fn write_zip(
    target: &Path,
    entries: &mut [Entry],
    overwrite: bool,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<u64> {
    export::write_package(target, entries, overwrite, progress)
}

impl Library {
    /// Writes a course as a SCORM 1.2 package or a Kolibri HTML5 app zip
    /// (`docs/scorm.md`). `options.to` is a folder (the zip is named by
    /// [`file_name`]) or a file path. Unlike a `.juntos` package it is not
    /// signed and cannot be imported: it is for learners on a platform.
    pub fn export_lms(
        &mut self,
        course_id: &str,
        options: &ExportOptions,
        format: LmsFormat,
        progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ExportReport> {
        self.export_lms_with(
            course_id,
            options,
            format,
            manifest::ScormOptions::default(),
            progress,
        )
    }

    /// [`Library::export_lms`] with the SCORM manifest's per-export choices
    /// (what a failed quiz reports: [`manifest::FailedStatus`]).
    pub fn export_lms_with(
        &mut self,
        course_id: &str,
        options: &ExportOptions,
        format: LmsFormat,
        scorm: manifest::ScormOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ExportReport> {
        // The organisation's name is shown by the player when the course
        // names none; a zip for a platform is not signed, so it may be empty.
        let org = self.org_identity()?;
        let key = OrgKey::load_or_create(self.root())?;
        let course = self.course(course_id)?;
        // Learners cannot take a quiz still being written.
        if let Some(draft) = Library::first_quiz_draft(&course) {
            return Err(draft);
        }
        let media = self.media_sources(course_id)?;
        let mut entries =
            entries_with(&course, media, &org, &key, options.languages, format, scorm);
        let target = export::target_path(
            options.to.as_deref(),
            &file_name(&course.slug, options.languages, format),
        )?;
        let size = write_zip(&target, &mut entries, options.overwrite, &mut progress)?;
        self.keep_learned_crc32(&entries);
        Ok(ExportReport::new(target, size, &entries, options.languages.list(), org.fingerprint))
    }
}
