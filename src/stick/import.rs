//! Listing a stick's courses against the library, and importing them.
//!
//! A course folder on a stick holds a signed package manifest over its
//! `course.json` and its media in the shared pool, so a course on a stick
//! *is* a package laid out differently. Import gathers those very bytes
//! (the signed manifest unchanged, every media file checked against its
//! SHA-256 on the way) into a temporary `.juntos` in the library's staging
//! area and hands it to the package import: every rule of package import
//! (signature, trust, local edits kept, saved revisions, one transaction,
//! library unchanged on refusal) applies without a second copy of those
//! rules. The price is one extra copy of the media inside the library's
//! disk, which a stick's speed dwarfs.

use std::ops::ControlFlow;
use std::path::Path;

use super::errors::StickError;
use super::manifest::{StickManifest, StickManifestCourse};
use super::verify::{check_course_folder, signed_sets};
use super::{stick_root, StickCourseState, StickListEntry, StickListing};
use crate::error::{Error, Result};
use crate::package::manifest::{self as pkg, Manifest};
use crate::package::progress::Progress;
use crate::package::staging::Staging;
use crate::package::writer::{self, Entry, Source};
use crate::package::{ImportOptions, ImportReport};
use crate::Library;

impl Library {
    /// The stick's courses, each compared with this library.
    pub fn stick_list(&self, path: &Path) -> Result<StickListing> {
        let root = stick_root(path);
        let (current, _) = signed_sets(&root)?;
        let own = self.existing_org_identity()?.map(|o| o.fingerprint);
        let fingerprint = &current.organisation.fingerprint;
        let mut courses = Vec::new();
        for c in &current.courses {
            let title = read_title(&root, c);
            let local = crate::store::rows::load_course(self.conn(), &c.id)?;
            let (state, local_id, local_rev) = match local {
                None => (StickCourseState::New, None, None),
                Some(local) => {
                    let record = crate::package::rows::import_record(self.conn(), &local.id)?;
                    let state = match record {
                        None if own.as_deref() == Some(fingerprint.as_str()) => {
                            revision_state(c.revision, local.revision, false)
                        }
                        None => StickCourseState::LocalEdits,
                        Some(r) if &r.origin_fingerprint != fingerprint => {
                            StickCourseState::LocalEdits
                        }
                        Some(r) if c.revision < r.package_revision => StickCourseState::Older,
                        Some(r) if c.revision == r.package_revision => StickCourseState::Same,
                        Some(r) if local.revision != r.local_revision => {
                            StickCourseState::LocalEdits
                        }
                        Some(_) => StickCourseState::Newer,
                    };
                    (state, Some(local.id.clone()), Some(local.revision))
                }
            };
            courses.push(StickListEntry {
                id: c.id.clone(),
                slug: c.slug.clone(),
                revision: c.revision,
                title,
                state,
                local_course_id: local_id,
                local_revision: local_rev,
            });
        }
        Ok(StickListing {
            root,
            organisation: current.organisation.name.clone(),
            fingerprint: fingerprint.clone(),
            languages: current.languages.clone(),
            written_at: current.written_at.clone(),
            courses,
        })
    }

    /// Imports the courses named by `queries` (slug, id or id prefix; all
    /// when empty) from the stick at `path`. Every course is checked before
    /// the first is imported; each import is one transaction, so a refused
    /// course leaves the library as it was (those before it stay imported).
    pub fn stick_import(
        &mut self,
        path: &Path,
        queries: &[String],
        options: &ImportOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<Vec<ImportReport>> {
        let root = stick_root(path);
        let (current, others) = signed_sets(&root)?;
        let chosen = choose(&current, queries)?;
        for course in &chosen {
            check_course_folder(&root, &current, &others, &course.folder)?;
        }
        let mut reports = Vec::new();
        for course in chosen {
            reports.push(self.import_stick_course(&root, course, options, &mut progress)?);
        }
        Ok(reports)
    }

    fn import_stick_course(
        &mut self,
        root: &Path,
        course: &StickManifestCourse,
        options: &ImportOptions,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ImportReport> {
        let folder = root.join(&course.folder);
        let read = |name: &str| {
            std::fs::read(folder.join(name))
                .map_err(|source| Error::Io { path: folder.join(name), source })
        };
        let manifest_bytes = read(pkg::MANIFEST)?;
        let signature = read(pkg::SIGNATURE)?;
        let course_json = read(pkg::COURSE)?;
        // Only to know which media to gather: the package import checks it all.
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| {
            Error::from(StickError::ManifestInvalid {
                path: folder.join(pkg::MANIFEST),
                detail: e.to_string(),
            })
        })?;
        let mut entries = vec![
            Entry::bytes(pkg::MANIFEST, manifest_bytes, false),
            Entry::bytes(pkg::SIGNATURE, signature, false),
            Entry::bytes(pkg::COURSE, course_json, false),
        ];
        for file in manifest.files.iter().filter(|f| f.path.starts_with(pkg::MEDIA_DIR)) {
            if crate::package::paths::check(file.path.as_bytes()).is_err()
                || file.path[pkg::MEDIA_DIR.len()..].contains('/')
            {
                return Err(StickError::Damaged {
                    path: root.to_path_buf(),
                    problems: 1,
                    first: file.path.clone(),
                }
                .into());
            }
            entries.push(Entry {
                path: file.path.clone(),
                size: file.size,
                sha256: file.sha256.clone(),
                source: Source::File { path: root.join(&file.path), crc32: None },
                deflate: false,
            });
        }
        let staging = Staging::new(self.root())?;
        let package = staging.dir().join("stick-course.juntos");
        writer::write_archive(&package, &mut entries, progress).map_err(|e| match e {
            // A media file on the stick that is not what the course's signed
            // manifest says: the stick is damaged, not the library.
            Error::ExportSourceChanged { path } => StickError::Damaged {
                path: root.to_path_buf(),
                problems: 1,
                first: path.strip_prefix(root).unwrap_or(&path).display().to_string(),
            }
            .into(),
            other => other,
        })?;
        let report = self.import_package(&package, options, progress);
        drop(staging);
        report
    }
}

fn revision_state(stick: i64, local: i64, _edited: bool) -> StickCourseState {
    match stick.cmp(&local) {
        std::cmp::Ordering::Less => StickCourseState::Older,
        std::cmp::Ordering::Equal => StickCourseState::Same,
        // Made here and newer on the stick: importing makes a copy.
        std::cmp::Ordering::Greater => StickCourseState::LocalEdits,
    }
}

/// The course's title from its (signed) package manifest; empty if unreadable.
fn read_title(root: &Path, c: &StickManifestCourse) -> crate::model::Bilingual {
    let path = root.join(&c.folder).join(pkg::MANIFEST);
    let manifest: Option<Manifest> =
        std::fs::read(path).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let mut title = crate::model::Bilingual::default();
    if let Some(m) = manifest {
        title.pt = m.course.title_pt;
        title.en = m.course.title_en;
    }
    title
}

/// The courses `queries` name (slug, id or unique id prefix); all when empty.
fn choose<'m>(
    manifest: &'m StickManifest,
    queries: &[String],
) -> Result<Vec<&'m StickManifestCourse>> {
    if queries.is_empty() {
        return Ok(manifest.courses.iter().collect());
    }
    let mut out = Vec::new();
    for q in queries {
        let found: Vec<_> = manifest
            .courses
            .iter()
            .filter(|c| {
                c.slug == *q || c.id == *q || (q.len() >= 4 && c.id.starts_with(q.as_str()))
            })
            .collect();
        match found.as_slice() {
            [one] => out.push(*one),
            _ => return Err(StickError::CourseNotFound { query: q.clone() }.into()),
        }
    }
    Ok(out)
}
