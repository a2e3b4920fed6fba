//! The export dialog's side of an export: the format it chose, and the
//! pre-flight it shows before anything is written (where, how big, FAT32's
//! 4 GiB limit, free space, a quiz still a draft, the organisation's name,
//! media missing or shown nowhere).

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorReport, Result};
use crate::scorm::LmsFormat;
use crate::Library;

use super::export::{
    file_name, shown_media, target_path, unused_names, ExportOptions, ExportReport, Languages,
};
use super::fsinfo::{self, FAT32_MAX_FILE};

/// What the export dialog writes: a signed package for partners and sticks,
/// or a zip for a learning platform (`docs/scorm.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// `<slug>.juntos`: signed, imports into Juntos Studio, plays from a stick.
    #[default]
    Juntos,
    /// `<slug>.scorm12.zip`: Moodle and other LMSs.
    Scorm12,
    /// `<slug>.html5.zip`: Kolibri.
    Html5,
}

impl ExportFormat {
    pub fn lms(self) -> Option<LmsFormat> {
        match self {
            ExportFormat::Juntos => None,
            ExportFormat::Scorm12 => Some(LmsFormat::Scorm12),
            ExportFormat::Html5 => Some(LmsFormat::Html5),
        }
    }

    /// The file's name for a course.
    pub fn file_name(self, slug: &str, languages: Languages) -> String {
        match self.lms() {
            None => file_name(slug, languages),
            Some(lms) => crate::scorm::file_name(slug, languages, lms),
        }
    }
}

/// What the export dialog shows before anything is written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportPreflight {
    /// Where the package would be written.
    pub path: PathBuf,
    /// Upper bound of the package size, in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    /// Free bytes on the target disk (0 when unknown).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub available: u64,
    pub fat32: bool,
    /// A file of this name is already there (export would refuse unless replaced).
    pub exists: bool,
    /// Why export would be refused, when it would.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub problem: Option<ErrorReport>,
    /// Media attached to the course but shown by no lesson (nor the summary
    /// or the cover): left out of the export, named so the person knows.
    /// `None` when every media item is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unused_media: Option<Vec<String>>,
    /// Videos without a sign-language interpreter (in some language) in a
    /// course that asks for one (issue 16): said like missing captions,
    /// not refused. `None` when the course does not ask or none lacks one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unsigned_videos: Option<Vec<String>>,
}

impl Library {
    /// Exports a course in the format the dialog chose.
    pub fn export_as(
        &mut self,
        course_id: &str,
        options: &ExportOptions,
        format: ExportFormat,
        scorm: crate::scorm::manifest::ScormOptions,
        progress: impl FnMut(crate::package::Progress) -> ControlFlow<()>,
    ) -> Result<ExportReport> {
        match format.lms() {
            None => self.export_course(course_id, options, progress),
            Some(lms) => self.export_lms_with(course_id, options, lms, scorm, progress),
        }
    }

    /// Everything the export dialog must say before starting: where, how
    /// big, and whether the disk can take it (FAT32's 4 GiB limit, free space).
    pub fn export_preflight(
        &self,
        course_id: &str,
        folder: &Path,
        languages: Languages,
        format: ExportFormat,
    ) -> Result<ExportPreflight> {
        let course = self.course(course_id)?;
        let path = target_path(Some(folder), &format.file_name(&course.slug, languages))?;
        // Only the media the kept languages show travel (export::shown_media);
        // those shown nowhere are named, so the person knows they stay out.
        let items = self.list_media(course_id)?;
        let wanted = shown_media(&course, languages, items.iter());
        let unused_media = Some(unused_names(&course, &items)).filter(|u| !u.is_empty());
        let unsigned: Vec<String> =
            self.sign_status(course_id)?.missing.into_iter().map(|m| m.name).collect();
        let unsigned_videos = Some(unsigned).filter(|u| !u.is_empty());
        let mut seen = std::collections::HashSet::new();
        let mut media_bytes = 0u64;
        let mut largest = 0u64;
        for item in items {
            if !wanted.contains(&item.name.to_ascii_lowercase()) {
                continue;
            }
            if seen.insert(item.sha256.clone()) {
                media_bytes += item.size;
                largest = largest.max(item.size);
            }
        }
        // Text, player and manifest: generous, the media dominate.
        let text_bytes =
            serde_json::to_vec(&course).map(|v| v.len() as u64).unwrap_or(0) + (512 << 10);
        let size = media_bytes + text_bytes + (seen.len() as u64 + 8) * 200;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| folder.to_path_buf());
        let (available, fat32, probe_problem) = match fsinfo::probe(&dir) {
            Ok(fs) => (fs.available, fs.fat32, None),
            Err(source) => (0, false, Some(Error::TargetNotWritable { path: dir.clone(), source })),
        };
        // Said here, before anything is written: a quiz still a draft, then
        // the organisation's name a signed package needs.
        let draft = Library::first_quiz_draft(&course);
        let named = crate::org::rows::identity(self.conn())?
            .is_some_and(|(_, name)| !name.trim().is_empty());
        let unnamed = (format == ExportFormat::Juntos && !named).then_some(Error::OrgNameMissing);
        let problem = draft.or(unnamed).or(probe_problem).or_else(|| {
            if fat32 && (largest > FAT32_MAX_FILE || size > FAT32_MAX_FILE) {
                let entry =
                    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                return Some(Error::ExportTooBigForFat32 { entry, size });
            }
            let needed = size + size / 100 + (1 << 20);
            (needed > available).then(|| Error::NotEnoughSpace {
                path: dir.clone(),
                needed,
                available,
            })
        });
        // A lesson showing media the course does not have: refused by default.
        let problem = match self.check_media_references(course_id) {
            Err(missing @ Error::MediaMissingInLessons { .. }) => problem.or(Some(missing)),
            Err(e) => return Err(e),
            Ok(()) => problem,
        };
        Ok(ExportPreflight {
            exists: path.exists(),
            path,
            size,
            available,
            fat32,
            problem: problem.as_ref().map(ErrorReport::from),
            unused_media,
            unsigned_videos,
        })
    }
}
