//! Listing a stick's courses against the library, and importing them.
//!
//! A course folder on a stick holds a signed package manifest over its
//! `course.json` and its media in the shared pool, so a course on a stick
//! *is* a package laid out differently. Import hands the package import a
//! source that reads those very files ([`CourseOnStick`], a
//! [`PackageSource`] like the zip reader): every rule of package import
//! (signature, trust, every byte against the signed manifest, media probed,
//! local edits kept, saved revisions, one transaction, library unchanged on
//! refusal) applies without a second copy of those rules, and each media
//! file is copied once, from the stick straight into the library's staging.

use std::fs::File;
use std::io::{Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::errors::StickError;
use super::manifest::{StickManifest, StickManifestCourse};
use super::verify::{check_course_folder, signed_sets};
use super::{stick_root, StickCourseState, StickListEntry, StickListing};
use crate::error::{Error, Result};
use crate::media::as_steps;
use crate::media::flush_behind::FlushBehind;
use crate::media::hashcopy::{copy_hashing, CopyError};
use crate::package::archive::{refuse, EntryInfo};
use crate::package::manifest::{self as pkg, Manifest};
use crate::package::progress::Progress;
use crate::package::verify::PackageSource;
use crate::package::{ImportOptions, ImportReport, Limits, Problem};
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
        let path = folder.join(pkg::MANIFEST);
        let max = options.limits.max_manifest_bytes;
        let manifest_bytes = std::fs::File::open(&path)
            .and_then(|f| {
                let mut bytes = Vec::new();
                f.take(max + 1).read_to_end(&mut bytes).map(|_| bytes)
            })
            .map_err(|source| Error::Io { path: path.clone(), source })?;
        if manifest_bytes.len() as u64 > max {
            let problem = Problem::JsonTooLarge { size: manifest_bytes.len() as u64, max };
            return Err(refuse(pkg::MANIFEST, problem));
        }
        // Only to know which media to gather: the package import checks it all.
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| {
            Error::from(StickError::ManifestInvalid {
                path: folder.join(pkg::MANIFEST),
                detail: e.to_string(),
            })
        })?;
        let mut names = vec![pkg::MANIFEST, pkg::SIGNATURE, pkg::COURSE]
            .into_iter()
            .map(|n| (n.to_string(), folder.join(n)))
            .collect::<Vec<_>>();
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
            names.push((file.path.clone(), root.join(&file.path)));
        }
        let mut source = CourseOnStick::new(names, &options.limits)?;
        self.import_from(&mut source, options, &mut *progress).map_err(|e| match e {
            // A file on the stick that is not what the course's signed
            // manifest says: the stick is damaged, not the library.
            Error::PackageRefused { entry, problem }
                if matches!(
                    problem,
                    Problem::HashMismatch
                        | Problem::SizeMismatch { .. }
                        | Problem::MissingFromArchive
                        | Problem::DeclaredSizeLies { .. }
                ) && (entry.starts_with(pkg::MEDIA_DIR) || entry == pkg::COURSE) =>
            {
                let first =
                    if entry == pkg::COURSE { format!("{}/{entry}", course.folder) } else { entry };
                StickError::Damaged { path: root.to_path_buf(), problems: 1, first }.into()
            }
            other => other,
        })
    }
}

/// A course on a stick read as the package it is: `manifest.json`,
/// `manifest.sig` and `course.json` from its folder, `media/…` from the
/// stick's shared pool. Its entries are the files the (not yet checked)
/// manifest names, with the sizes they have on the stick; the package
/// verification then checks each against the signed manifest exactly as
/// for a zip, and stages the media once, straight from the stick.
struct CourseOnStick {
    entries: Vec<EntryInfo>,
    paths: Vec<PathBuf>,
}

impl CourseOnStick {
    fn new(names: Vec<(String, PathBuf)>, limits: &Limits) -> Result<CourseOnStick> {
        let (mut entries, mut paths) = (Vec::new(), Vec::new());
        let mut total = 0u64;
        for (name, path) in names {
            // A file the stick lacks is left out: verification names it missing.
            let Ok(meta) = std::fs::metadata(&path) else { continue };
            if !meta.is_file() {
                continue;
            }
            let size = meta.len();
            if size > limits.max_entry_size {
                return Err(refuse(
                    name,
                    Problem::EntryTooLarge { size, max: limits.max_entry_size },
                ));
            }
            total = total.saturating_add(size);
            if total > limits.max_total_size {
                let max = limits.max_total_size;
                return Err(refuse(name, Problem::PackageTooLarge { size: total, max }));
            }
            let index = entries.len();
            entries.push(EntryInfo {
                index,
                name,
                size,
                compressed: size,
                // Learnt while the entry is staged.
                crc32: 0,
                is_dir: false,
            });
            paths.push(path);
        }
        if entries.len() as u64 > limits.max_entries {
            return Err(refuse(
                pkg::MANIFEST,
                Problem::TooManyEntries { count: entries.len() as u64, max: limits.max_entries },
            ));
        }
        Ok(CourseOnStick { entries, paths })
    }

    /// Streams an entry into `out`, checking its size; returns SHA-256 and CRC-32.
    fn read(
        &self,
        info: &EntryInfo,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<(String, u32)> {
        let path = &self.paths[info.index];
        let io = |source| Error::Io { path: path.clone(), source };
        // One byte more than declared is enough to tell a grown file.
        let mut file = File::open(path).map_err(io)?.take(info.size + 1);
        let copied = copy_hashing(&mut file, out, Some(info.size), &mut as_steps(progress));
        match copied {
            Ok(c) if c.size == info.size => Ok((c.sha256, c.crc32)),
            Ok(_) => {
                Err(refuse(info.name.clone(), Problem::DeclaredSizeLies { declared: info.size }))
            }
            Err(CopyError::Read(source)) => Err(io(source)),
            Err(CopyError::Write(source)) => {
                Err(Error::Io { path: PathBuf::from(&info.name), source })
            }
            Err(CopyError::Cancelled) => Err(Error::Cancelled),
        }
    }
}

impl PackageSource for CourseOnStick {
    fn list(&self) -> &[EntryInfo] {
        &self.entries
    }

    fn entry(&self, name: &str) -> Option<&EntryInfo> {
        self.entries.iter().find(|e| e.name == name)
    }

    fn small(
        &mut self,
        name: &str,
        max: u64,
        too_large: &dyn Fn(u64) -> Problem,
    ) -> Result<Vec<u8>> {
        let info =
            self.entry(name).cloned().ok_or_else(|| refuse(name, Problem::MissingFromArchive))?;
        if info.size > max {
            return Err(refuse(name, too_large(info.size)));
        }
        let mut bytes = Vec::with_capacity(info.size as usize);
        self.read(&info, &mut bytes, &mut |_| ControlFlow::Continue(()))?;
        Ok(bytes)
    }

    fn copy(
        &mut self,
        info: &EntryInfo,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String> {
        Ok(self.read(info, out, progress)?.0)
    }

    fn stage(
        &mut self,
        info: &EntryInfo,
        file: &mut File,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String> {
        let mut out = FlushBehind::new(file);
        let (sha, crc32) = self.read(info, &mut out, progress)?;
        self.entries[info.index].crc32 = crc32;
        Ok(sha)
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
