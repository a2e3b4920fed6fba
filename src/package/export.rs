//! Export: turns a course into the entries of a package, then writes them
//! atomically next to where the package should go.
//!
//! Planning reads only the database and file sizes; every byte count and
//! hash is known before the first byte is written, so the manifest can be
//! signed first and the pre-flight (free space, FAT32's 4 GiB limit) can
//! refuse before anything touches the stick. Writing goes to
//! `NAME.juntos.partial` in the target folder, is fsynced and only then
//! renamed: a stick pulled out mid-copy never holds a half package under the
//! real name, and a cancel or an error removes the partial file.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::course_file::{keep_language, media_path, PackageCourse};
use super::fsinfo::{self, WriteEstimate};
use super::manifest::{self, Manifest, ManifestCourse, ManifestFile, ManifestOrg};
use super::progress::Progress;
use super::writer::{self, Entry, Source};
use crate::atomic_file::{folder_and_name, sync_dir};
use crate::error::{Error, Result};
use crate::media::{MediaItem, MediaKind};
use crate::model::{Course, Lang};
use crate::org::{OrgIdentity, OrgKey};

pub const EXTENSION: &str = "juntos";

/// Which languages a package carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Languages {
    #[default]
    Both,
    Pt,
    En,
}

impl Languages {
    pub fn only(self) -> Option<Lang> {
        match self {
            Languages::Both => None,
            Languages::Pt => Some(Lang::Pt),
            Languages::En => Some(Lang::En),
        }
    }

    pub fn list(self) -> Vec<Lang> {
        self.only().map(|l| vec![l]).unwrap_or_else(|| Lang::ALL.to_vec())
    }
}

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// A folder (the package is named after the course) or a file path;
    /// `None` = the current folder.
    pub to: Option<PathBuf>,
    pub languages: Languages,
    /// Replace an existing file of the same name.
    pub overwrite: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReport {
    pub path: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    pub entries: usize,
    pub media: usize,
    pub languages: Vec<Lang>,
    pub fingerprint: String,
}

/// A media item with what export needs beside it.
pub struct MediaSource {
    pub item: MediaItem,
    pub blob: PathBuf,
    /// The blob's CRC-32 when the library kept it (`blob_checksums`).
    pub crc32: Option<u32>,
    /// `(lang, vtt, cues, source_name)`.
    pub captions: Vec<(Lang, String, u32, String)>,
    /// A prepared video's recipe and poster, with the poster's blob.
    pub prepared: Option<(super::course_file::PackagePrepared, Option<PosterBlob>)>,
}

/// Where a poster's bytes are, and their CRC-32 when the library kept it.
pub type PosterBlob = (PathBuf, Option<u32>);

/// Everything to write, manifest and signature included.
pub struct Plan {
    pub entries: Vec<Entry>,
    pub manifest: Manifest,
}

pub fn plan(
    course: &Course,
    media: Vec<MediaSource>,
    org: &OrgIdentity,
    key: &OrgKey,
    languages: Languages,
    sign_language: bool,
) -> Plan {
    let mut course = course.clone();
    let mut media = media;
    // Only what the course shows travels (issue 13 item 10): see [`shown_media`].
    let shown = shown_media(&course, languages, media.iter().map(|m| &m.item));
    media.retain(|m| shown.contains(&m.item.name.to_ascii_lowercase()));
    if let Some(lang) = languages.only() {
        keep_language(&mut course, lang);
        // The kept videos' captions and interpreters in that language.
        for m in &mut media {
            m.captions.retain(|c| c.0 == lang);
            m.item.interpreters.retain(|i| i.lang.is_none_or(|l| l == lang));
        }
    }
    let mut entries = Vec::new();
    let mut seen_blobs = HashSet::new();
    let mut package_media = Vec::new();
    for m in media {
        let item = m.item;
        let path = media_path(&item.sha256, &item.format);
        if seen_blobs.insert(path.clone()) {
            entries.push(Entry {
                path: path.clone(),
                size: item.size,
                sha256: item.sha256.clone(),
                source: Source::File { path: m.blob, crc32: m.crc32 },
                deflate: false,
            });
        }
        let mut pm = super::import::package_media(item, m.captions);
        if let Some((prepared, poster_blob)) = m.prepared {
            if let (Some(poster), Some((blob, crc32))) = (&prepared.poster, poster_blob) {
                if seen_blobs.insert(poster.path.clone()) {
                    entries.push(Entry {
                        path: poster.path.clone(),
                        size: poster.size,
                        sha256: poster.sha256.clone(),
                        source: Source::File { path: blob, crc32 },
                        deflate: false,
                    });
                }
            }
            pm.prepared = Some(prepared);
        }
        package_media.push(pm);
    }
    package_media.sort_by(|a, b| a.name.cmp(&b.name));
    let course_file = PackageCourse { course: course.clone(), media: package_media, sign_language };
    entries.push(Entry::bytes(manifest::COURSE, course_file.to_bytes(), true));
    // index.html and player/…: the offline player (src/player.rs).
    for (path, bytes) in crate::player::player_files(&course_file, &org.name, &languages.list()) {
        entries.push(Entry::bytes(&path, bytes, true));
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));

    let manifest = Manifest {
        format: manifest::FORMAT.into(),
        format_version: manifest::version_for(&course_file),
        course: ManifestCourse {
            id: course.id.clone(),
            slug: course.slug.clone(),
            revision: course.revision,
            source_lang: course.source_lang,
            title_pt: course.title.pt.clone(),
            title_en: course.title.en.clone(),
        },
        languages: languages.list(),
        organisation: ManifestOrg {
            id: org.id.clone(),
            name: org.name.clone(),
            public_key: org.public_key.clone(),
            fingerprint: org.fingerprint.clone(),
        },
        files: entries
            .iter()
            .map(|e| ManifestFile { path: e.path.clone(), size: e.size, sha256: e.sha256.clone() })
            .collect(),
    };
    let manifest_bytes = manifest.to_bytes();
    let signature = key.sign(&manifest::signing_message(&manifest_bytes));
    entries.push(Entry::bytes(manifest::MANIFEST, manifest_bytes, true));
    entries.push(Entry::bytes(manifest::SIGNATURE, manifest::encode_signature(&signature), false));
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Plan { entries, manifest }
}

impl Plan {
    /// What an export of this plan wrote to `path` (`size` bytes).
    pub fn report(&self, path: PathBuf, size: u64) -> ExportReport {
        ExportReport::new(
            path,
            size,
            &self.entries,
            self.manifest.languages.clone(),
            self.manifest.organisation.fingerprint.clone(),
        )
    }
}

impl ExportReport {
    /// What an export wrote to `path` (`size` bytes): `entries`, of which
    /// those under `media/` are the media.
    pub fn new(
        path: PathBuf,
        size: u64,
        entries: &[Entry],
        languages: Vec<Lang>,
        fingerprint: String,
    ) -> ExportReport {
        ExportReport {
            path,
            size,
            entries: entries.len(),
            media: entries.iter().filter(|e| e.path.starts_with(manifest::MEDIA_DIR)).count(),
            languages,
            fingerprint,
        }
    }
}

/// Media names (lowercased) that a language's text refers to.
pub(crate) fn referenced_names(course: &Course, lang: Lang) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut add = |text: &str| {
        for name in crate::render::media_references(text) {
            names.insert(name.to_ascii_lowercase());
        }
    };
    add(course.summary.get(lang));
    for lesson in course.lessons() {
        add(lesson.body.get(lang));
        add(lesson.notes.get(lang));
    }
    names
}

/// The media a package of `course` in `languages` carries, by lower-case
/// name: those the summary, lesson bodies and notes of the kept languages
/// show, the course's cover (its card, `cover.*`), and the sign-language
/// interpreters of the videos shown (in those languages). Media attached
/// but shown nowhere stay out of every export — `.juntos`, folder, SCORM,
/// HTML5 — and the pre-flight names them ([`unused_names`]).
pub(crate) fn shown_media<'a>(
    course: &Course,
    languages: Languages,
    items: impl Iterator<Item = &'a MediaItem>,
) -> HashSet<String> {
    let mut shown: HashSet<String> =
        languages.list().into_iter().flat_map(|lang| referenced_names(course, lang)).collect();
    let items: Vec<&MediaItem> = items.collect();
    for item in &items {
        if crate::media::cover::is_cover_name(&item.name) && item.kind == MediaKind::Image {
            shown.insert(item.name.to_ascii_lowercase());
        }
    }
    let wanted = |lang: Option<Lang>| match (languages.only(), lang) {
        (Some(only), Some(l)) => l == only,
        _ => true,
    };
    let interpreters: Vec<String> = items
        .iter()
        .filter(|i| shown.contains(&i.name.to_ascii_lowercase()))
        .flat_map(|i| i.interpreters.iter())
        .filter(|link| wanted(link.lang))
        .map(|link| link.media.to_ascii_lowercase())
        .collect();
    shown.extend(interpreters);
    shown
}

/// The names of the media no export of `course` carries (shown in no
/// lesson, summary or notes of either language, not the cover, no
/// interpreter), sorted as listed.
pub fn unused_names(course: &Course, items: &[MediaItem]) -> Vec<String> {
    let shown = shown_media(course, Languages::Both, items.iter());
    items
        .iter()
        .filter(|i| !shown.contains(&i.name.to_ascii_lowercase()))
        .map(|i| i.name.clone())
        .collect()
}

/// What every export of a course is named after: `<slug>`, or `<slug>.<lang>` for one language.
pub fn base_name(slug: &str, languages: Languages) -> String {
    match languages.only() {
        None => slug.to_string(),
        Some(lang) => format!("{slug}.{lang}"),
    }
}

/// The package file name: `<slug>.juntos`, or `<slug>.<lang>.juntos` for one language.
pub fn file_name(slug: &str, languages: Languages) -> String {
    format!("{}.{EXTENSION}", base_name(slug, languages))
}

/// The current folder, where an export goes when no place is given.
pub fn current_dir() -> Result<PathBuf> {
    std::env::current_dir().map_err(|source| Error::Io { path: PathBuf::from("."), source })
}

/// Where the package goes. `to` is a folder when it exists as one or ends
/// in a slash (made when missing); otherwise a file name, which must end in
/// the package's extension: a name without it (`pen/pacotes`, a folder that
/// does not exist yet?) is refused rather than guessed at.
pub fn target_path(to: Option<&Path>, default_name: &str) -> Result<PathBuf> {
    let base = match to {
        Some(path) => path.to_path_buf(),
        None => current_dir()?,
    };
    let names_a_folder = base.as_os_str().to_string_lossy().ends_with(std::path::is_separator);
    if base.is_dir() {
        return Ok(base.join(default_name));
    }
    if names_a_folder {
        std::fs::create_dir_all(&base)
            .map_err(|source| Error::TargetNotWritable { path: base.clone(), source })?;
        return Ok(base.join(default_name));
    }
    let extension = Path::new(default_name).extension().unwrap_or_default();
    if base.extension() != Some(extension) {
        return Err(Error::ExportTargetUnclear {
            path: base,
            extension: extension.to_string_lossy().into_owned(),
        });
    }
    Ok(base)
}

/// Pre-flight, then write to `.partial`, fsync, rename. Nothing is left
/// under either name when it fails or is cancelled.
pub fn write_package(
    target: &Path,
    entries: &mut [Entry],
    overwrite: bool,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<u64> {
    let (dir, name) = folder_and_name(target);
    if !dir.is_dir() {
        return Err(Error::TargetNotWritable {
            path: dir.clone(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    if target.exists() && !overwrite {
        return Err(Error::ExportTargetExists { path: target.to_path_buf() });
    }
    let estimate = WriteEstimate {
        package: writer::size_bound(entries),
        largest_entry: entries.iter().max_by_key(|e| e.size).map(|e| (e.path.clone(), e.size)),
    };
    let fs = fsinfo::probe(&dir)
        .map_err(|source| Error::TargetNotWritable { path: dir.clone(), source })?;
    fsinfo::check_target(&dir, &name, &fs, &estimate)?;

    let partial = dir.join(format!("{name}.partial"));
    // A partial file is ours by name: left by a crash or a pulled stick.
    let _ = std::fs::remove_file(&partial);
    let written = writer::write_archive(&partial, entries, progress).and_then(|()| {
        std::fs::rename(&partial, target)
            .map_err(|source| Error::Io { path: target.to_path_buf(), source })
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(target_error(e, &dir, estimate.package));
    }
    sync_dir(&dir);
    let size = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    Ok(size)
}

/// The writer speaks of "the disk" and "the folder"; here they are the
/// export target, not the library: a stick that filled up mid-write is "not
/// enough space on the stick", a write-protected one is "cannot write there".
fn target_error(e: Error, dir: &Path, needed: u64) -> Error {
    match e {
        Error::DiskFull { .. } => Error::NotEnoughSpace {
            path: dir.to_path_buf(),
            needed,
            available: fs4::available_space(dir).unwrap_or(0),
        },
        Error::LibraryNotWritable { source, .. } => {
            Error::TargetNotWritable { path: dir.to_path_buf(), source }
        }
        other => other,
    }
}
