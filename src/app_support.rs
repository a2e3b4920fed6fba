//! What the desktop app needs beyond the CLI's operations, composed only from
//! the public API of the core: course cards with their completeness and
//! cover, a preview of unsaved markdown through the one renderer, the export
//! pre-flight (size, FAT32, free space) and the import preview.
//!
//! It lives in the core (not in the shell) so that every decision stays
//! testable without a window and the shell's commands stay a few lines each.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorReport, Result};
use crate::media::{MediaItem, MediaKind as ItemKind};
use crate::model::Lang;
use crate::package::course_file::media_path;
use crate::package::diff::{changes, Changes};
use crate::package::export::{
    file_name, shown_media, target_path, unused_names, ExportOptions, ExportReport, Languages,
};
use crate::package::fsinfo::{self, FAT32_MAX_FILE};
use crate::package::{Limits, VerifyReport};
use crate::render::{render_markdown, RenderOptions, ResolvedMedia};
use crate::scorm::LmsFormat;
use crate::Library;

/// A course's cover is the image attached to it under this name (any
/// extension): `cover.jpg`, `cover.png`. It travels in packages like any
/// other media, with no change to the schema or the package format.
pub const COVER_STEM: &str = "cover";

/// What a library card shows beyond [`crate::model::CourseSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CourseCard {
    pub id: String,
    pub pt_percent: u8,
    pub en_percent: u8,
    /// Fields whose translation is stale in either language.
    pub stale: u32,
    /// Package-style path of the cover (`media/<sha256>.<format>`), when there is one.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cover: Option<String>,
}

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

/// The local side of an import preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalCopy {
    pub course_id: String,
    pub revision: i64,
    pub organisation: String,
    /// The course was made in this library, not imported (an import becomes a copy).
    pub made_here: bool,
    /// Edited here since it was last imported (an import becomes a copy).
    pub edited_since_import: bool,
}

/// What the import dialog shows before asking: the verified package, the
/// course it would update, and what would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    pub package: VerifyReport,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub local: Option<LocalCopy>,
    /// From the local course (or from nothing) to the package.
    pub changes: Changes,
}

impl Library {
    /// Completeness, stale count and cover of the given courses (unknown ids are skipped).
    pub fn course_cards(&self, ids: &[String]) -> Result<Vec<CourseCard>> {
        let mut cards = Vec::with_capacity(ids.len());
        for id in ids {
            let status = match self.translation_status(id) {
                Ok(status) => status,
                Err(Error::CourseNotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            let stale = status
                .fields
                .iter()
                .filter(|f| {
                    f.pt == crate::model::FieldState::Stale
                        || f.en == crate::model::FieldState::Stale
                })
                .count() as u32;
            let cover = self.cover(id)?.map(|m| media_path(&m.sha256, &m.format));
            cards.push(CourseCard {
                id: id.clone(),
                pt_percent: status.pt_percent,
                en_percent: status.en_percent,
                stale,
                cover,
            });
        }
        Ok(cards)
    }

    /// The cover image of a course, if it has one.
    pub fn cover(&self, course_id: &str) -> Result<Option<MediaItem>> {
        Ok(self
            .list_media(course_id)?
            .into_iter()
            .find(|m| m.kind == ItemKind::Image && is_cover_name(&m.name)))
    }

    /// Makes the image at `path` the course's cover, replacing the old one.
    /// The new image is attached first, so a failure keeps the old cover.
    pub fn set_cover(&mut self, course_id: &str, path: &Path) -> Result<MediaItem> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .filter(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_alphanumeric()))
            .unwrap_or_else(|| "img".into());
        let staged = format!("{COVER_STEM}-new-{}.{ext}", &crate::library::new_id()[..8]);
        let item =
            self.attach_media(course_id, path, Some(&staged), |_| ControlFlow::Continue(()))?;
        if item.kind != ItemKind::Image {
            self.detach_media(course_id, &item.name)?;
            return Err(Error::MediaUnsupportedFormat {
                path: path.to_path_buf(),
                format: item.format,
                kind: item.kind,
            });
        }
        if let Some(old) = self.list_media(course_id)?.into_iter().find(|m| is_cover_name(&m.name))
        {
            self.detach_media(course_id, &old.name)?;
        }
        self.rename_media(course_id, &item.name, &format!("{COVER_STEM}.{}", item.format))
    }

    /// Removes the cover; `false` when there was none.
    pub fn remove_cover(&mut self, course_id: &str) -> Result<bool> {
        match self.cover(course_id)? {
            Some(item) => self.detach_media(course_id, &item.name).map(|()| true),
            None => Ok(false),
        }
    }

    /// Markdown (saved or not) of a course as the learner will see it,
    /// through the one renderer. Media become `<media_base><sha256>.<format>`
    /// (the shell serves those bytes); a name the course does not have shows
    /// as the renderer's placeholder.
    pub fn render_preview(
        &self,
        course_id: &str,
        markdown: &str,
        lang: Lang,
        media_base: &str,
    ) -> Result<String> {
        let media = self.list_media(course_id)?;
        let resolve = |name: &str| -> Option<ResolvedMedia> {
            let item = media.iter().find(|m| m.name.eq_ignore_ascii_case(name))?;
            Some(ResolvedMedia {
                url: media_path(&item.sha256, &item.format),
                kind: item.kind.into(),
            })
        };
        let html = render_markdown(markdown, &RenderOptions { lang, media: &resolve });
        // The renderer only hands out package-relative URLs; the sanitiser
        // lets through exactly those it handed out. Every `="media/` left in
        // the output is therefore one of ours (text has its quotes escaped).
        Ok(html.replace("=\"media/", &format!("=\"{media_base}")))
    }

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

    /// Verifies a package completely and says what importing it would do,
    /// without changing anything.
    pub fn import_preview(
        &self,
        path: &Path,
        progress: impl FnMut(crate::package::Progress) -> ControlFlow<()>,
    ) -> Result<ImportPreview> {
        let limits = Limits::default();
        // One pass: the report and the verified course together.
        let (package, incoming) = self.verify_package_and_course(path, &limits, progress)?;
        let local = match self.course(&package.course_id) {
            Ok(course) => Some(course),
            Err(Error::CourseNotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let before = match &local {
            Some(course) => Some(crate::package::import::snapshot(self.conn(), course.clone())?),
            None => None,
        };
        let local = match local {
            Some(c) => {
                let record = crate::package::rows::import_record(self.conn(), &c.id)?;
                Some(LocalCopy {
                    made_here: record.is_none(),
                    edited_since_import: record.is_some_and(|r| r.local_revision != c.revision),
                    course_id: c.id,
                    revision: c.revision,
                    organisation: c.organisation,
                })
            }
            None => None,
        };
        Ok(ImportPreview { changes: changes(before.as_ref(), &incoming), local, package })
    }
}
fn is_cover_name(name: &str) -> bool {
    name.split_once('.').is_some_and(|(stem, _)| stem.eq_ignore_ascii_case(COVER_STEM))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_names() {
        assert!(is_cover_name("cover.jpg"));
        assert!(is_cover_name("COVER.png"));
        assert!(!is_cover_name("cover-new-1234.png"));
        assert!(!is_cover_name("discover.png"));
    }

    #[test]
    fn preview_maps_media_and_sanitises() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(dir.path()).unwrap();
        let course = library.list_courses().unwrap().remove(0);
        let html = library
            .render_preview(
                &course.id,
                "# Olá\n\n<script>x</script> ![v](media:nada.mp4) \"media/x\"",
                Lang::Pt,
                "juntos-media://localhost/",
            )
            .unwrap();
        assert!(html.contains("<h1>Olá</h1>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("juntos-media://"), "no media of that name: {html}");
    }
}
