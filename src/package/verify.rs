//! Proving a package intact: signature first, then every entry against the
//! signed manifest, then the course inside it.
//!
//! The order matters. Nothing in the package is believed until the manifest's
//! signature checks out (only its format version is read before, to tell
//! "made by a newer Juntos Studio" from "damaged"). After that the manifest
//! is the truth: an entry it does not list, or a listed entry that is missing,
//! has another size or another SHA-256, is refused. `course.json` is checked
//! first (small, and useless bytes of video need not be copied for a package
//! whose course is broken), then each media file is streamed into staging
//! while hashing, and probed: its bytes must be the kind of file the course
//! says they are.

use std::collections::HashMap;
use std::fs::File;
use std::ops::ControlFlow;
use std::path::PathBuf;

use super::archive::{refuse, EntryInfo, SafeArchive};
use super::course_file::{self, PackageCourse};
use super::json;
use super::limits::Limits;
use super::manifest::{self, Manifest};
use super::problem::Problem;
use super::progress::{Phase, Progress};
use super::staging::Staging;
use crate::error::{Error, Result};
use crate::org::keys;

/// Where a package's entries are read from: a `.juntos` zip
/// ([`SafeArchive`]) or, for a course on a stick, its folder and the stick's
/// media pool (`src/stick/import.rs`). Verification and import are the same
/// for both.
pub trait PackageSource {
    /// Every entry, as the source declares it.
    fn list(&self) -> &[EntryInfo];
    fn entry(&self, name: &str) -> Option<&EntryInfo>;
    /// A small entry into memory, refused above `max` bytes.
    fn small(
        &mut self,
        name: &str,
        max: u64,
        too_large: &dyn Fn(u64) -> Problem,
    ) -> Result<Vec<u8>>;
    /// Streams an entry into `out`; returns its SHA-256 (hex).
    fn copy(
        &mut self,
        info: &EntryInfo,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String>;
    /// Streams an entry into a staging file; returns its SHA-256 (hex). A
    /// source that learns an entry's CRC-32 only by reading it updates the
    /// entry's `crc32` here.
    fn stage(
        &mut self,
        info: &EntryInfo,
        file: &mut File,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String>;
}

impl PackageSource for SafeArchive {
    fn list(&self) -> &[EntryInfo] {
        self.entries()
    }
    fn entry(&self, name: &str) -> Option<&EntryInfo> {
        self.get(name)
    }
    fn small(
        &mut self,
        name: &str,
        max: u64,
        too_large: &dyn Fn(u64) -> Problem,
    ) -> Result<Vec<u8>> {
        self.read_small(name, max, too_large)
    }
    fn copy(
        &mut self,
        info: &EntryInfo,
        out: &mut dyn std::io::Write,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String> {
        self.copy_entry(info, out, progress)
    }
    fn stage(
        &mut self,
        info: &EntryInfo,
        file: &mut File,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String> {
        self.stage_entry(info, file, progress)
    }
}

/// One media entry's bytes, checked, in the staging folder.
pub struct StagedMedia {
    pub path: PathBuf,
    /// Its CRC-32, checked while reading; kept in `blob_checksums`.
    pub crc32: u32,
}

/// A package whose signature and every byte have been checked.
pub struct Verified {
    pub manifest: Manifest,
    pub course: PackageCourse,
    /// Media bytes in staging, by package path (empty when only verifying).
    pub staged: HashMap<String, StagedMedia>,
    pub entries: usize,
    pub bytes: u64,
}

/// Checks the signature and the manifest; returns them with the public key.
pub fn signed_manifest(archive: &mut dyn PackageSource, limits: &Limits) -> Result<Manifest> {
    let m = manifest::MANIFEST;
    let bytes = archive.small(m, limits.max_manifest_bytes, &|size| Problem::JsonTooLarge {
        size,
        max: limits.max_manifest_bytes,
    })?;
    let value: serde_json::Value =
        json::parse(&bytes, limits.max_manifest_bytes, limits.max_json_depth)
            .map_err(|p| refuse(m, p))?;
    manifest::check_version(&value).map_err(|p| refuse(m, p))?;
    let parsed: Manifest = serde_json::from_value(value)
        .map_err(|e| refuse(m, Problem::ManifestInvalid { detail: e.to_string() }))?;
    let public_key: [u8; 32] = hex::decode(&parsed.organisation.public_key)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| {
            refuse(m, Problem::ManifestInvalid { detail: "the public key is not valid".into() })
        })?;

    let s = manifest::SIGNATURE;
    if archive.entry(s).is_none() {
        return Err(refuse(s, Problem::SignatureMissing));
    }
    let sig_bytes = archive.small(s, 1024, &|_| Problem::SignatureInvalid)?;
    let signature = manifest::decode_signature(&sig_bytes)
        .ok_or_else(|| refuse(s, Problem::SignatureInvalid))?;
    if !keys::verify(&public_key, &manifest::signing_message(&bytes), &signature) {
        return Err(refuse(s, Problem::SignatureInvalid));
    }
    parsed.validate().map_err(|p| refuse(m, p))?;
    Ok(parsed)
}

/// Every entry against the manifest; then the contents. With `staging`,
/// media bytes are kept there for the import to commit.
pub fn verify(
    archive: &mut dyn PackageSource,
    limits: &Limits,
    staging: Option<&Staging>,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<Verified> {
    let manifest = signed_manifest(archive, limits)?;

    // The archive and the manifest must list exactly the same files.
    for entry in archive.list() {
        if entry.name == manifest::MANIFEST || entry.name == manifest::SIGNATURE {
            continue;
        }
        match manifest.file(&entry.name) {
            None => return Err(refuse(entry.name.clone(), Problem::NotInManifest)),
            Some(file) if file.size != entry.size => {
                return Err(refuse(
                    entry.name.clone(),
                    Problem::SizeMismatch { manifest: file.size, archive: entry.size },
                ))
            }
            Some(_) => {}
        }
    }
    for file in &manifest.files {
        if archive.entry(&file.path).is_none() {
            return Err(refuse(file.path.clone(), Problem::MissingFromArchive));
        }
    }

    // course.json first: small, and it decides what the rest must be.
    let c = manifest::COURSE;
    let course_info =
        manifest.file(c).ok_or_else(|| refuse(c, Problem::MissingFromArchive))?.clone();
    let total: u64 = manifest.files.iter().map(|f| f.size).sum();
    let mut done = 0u64;
    let max_course = limits.max_course_json_bytes;
    let course_bytes =
        archive.small(c, max_course, &|size| Problem::JsonTooLarge { size, max: max_course })?;
    if hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&course_bytes)) != course_info.sha256 {
        return Err(refuse(c, Problem::HashMismatch));
    }
    done += course_info.size;
    let course: PackageCourse =
        json::parse(&course_bytes, max_course, limits.max_json_depth).map_err(|p| refuse(c, p))?;
    check_course(&manifest, &course)?;

    // Then every other entry, streamed and hashed; media into staging.
    let mut staged = HashMap::new();
    let mut order: Vec<_> = manifest.files.iter().filter(|f| f.path != c).collect();
    order.sort_by_key(|f| (f.path.starts_with(manifest::MEDIA_DIR), f.size, f.path.clone()));
    for (n, file) in order.into_iter().enumerate() {
        let info = archive.entry(&file.path).cloned().expect("checked above");
        let keep = staging.filter(|_| file.path.starts_with(manifest::MEDIA_DIR));
        let mut report = |bytes: u64| {
            done += bytes;
            progress(Progress { phase: Phase::Checking, entry: file.path.clone(), done, total })
        };
        let sha = match keep {
            Some(staging) => {
                let path = staging.file(n);
                let mut out = File::create(&path).map_err(disk_error(staging))?;
                // stage_entry's only I/O error is writing the file: the library's disk.
                let sha = archive.stage(&info, &mut out, &mut report).map_err(|e| match e {
                    Error::Io { source, .. } => disk_error(staging)(source),
                    other => other,
                })?;
                out.sync_all().map_err(disk_error(staging))?;
                // Read again: a source may learn the CRC-32 only while staging.
                let crc32 = archive.entry(&file.path).map_or(info.crc32, |i| i.crc32);
                staged.insert(file.path.clone(), StagedMedia { path, crc32 });
                sha
            }
            None => archive.copy(&info, &mut std::io::sink(), &mut report)?,
        };
        if sha != file.sha256 {
            return Err(refuse(file.path.clone(), Problem::HashMismatch));
        }
    }
    if staging.is_some() {
        probe_media(&course, &staged)?;
    }
    Ok(Verified { entries: archive.list().len(), bytes: total, manifest, course, staged })
}

fn disk_error(staging: &Staging) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| match source.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            Error::DiskFull { path: staging.dir().to_path_buf() }
        }
        _ => Error::Io { path: staging.dir().to_path_buf(), source },
    }
}

/// `course.json` must agree with the manifest that vouches for it.
fn check_course(manifest: &Manifest, pc: &PackageCourse) -> Result<()> {
    let c = manifest::COURSE;
    let invalid = |detail: String| refuse(c, Problem::ContentInvalid { detail });
    course_file::validate(pc).map_err(invalid)?;
    if pc.course.id != manifest.course.id || pc.course.revision != manifest.course.revision {
        return Err(invalid("the course is not the one the manifest names".into()));
    }
    for media in &pc.media {
        match manifest.file(&media.path) {
            Some(f) if f.size == media.size && f.sha256 == media.sha256 => {}
            _ => {
                return Err(invalid(format!(
                    "media '{}' is not in the package as described",
                    media.name
                )))
            }
        }
        if let Some(poster) = media.prepared.as_ref().and_then(|p| p.poster.as_ref()) {
            match manifest.file(&poster.path) {
                Some(f) if f.size == poster.size && f.sha256 == poster.sha256 => {}
                _ => {
                    return Err(invalid(format!(
                        "the poster of '{}' is not in the package as described",
                        media.name
                    )))
                }
            }
        }
    }
    for file in manifest.files.iter().filter(|f| f.path.starts_with(manifest::MEDIA_DIR)) {
        if !pc.media.iter().any(|m| m.path == file.path || m.poster_path() == Some(&file.path)) {
            return Err(refuse(
                file.path.clone(),
                Problem::ContentInvalid { detail: "no media item of the course uses it".into() },
            ));
        }
    }
    Ok(())
}

/// The bytes must be what the course says: a "photo" that is really a web
/// page or a script is refused here, not discovered by a learner.
fn probe_media(pc: &PackageCourse, staged: &HashMap<String, StagedMedia>) -> Result<()> {
    // A poster must be a JPEG, like any photo a course carries.
    for media in &pc.media {
        let Some(poster) = media.prepared.as_ref().and_then(|p| p.poster.as_ref()) else {
            continue;
        };
        let Some(StagedMedia { path, .. }) = staged.get(&poster.path) else { continue };
        let at = |detail: String| refuse(poster.path.clone(), Problem::ContentInvalid { detail });
        let mut file =
            File::open(path).map_err(|source| Error::Io { path: path.clone(), source })?;
        match crate::media::probe::probe(
            &mut file,
            poster.size,
            std::path::Path::new("poster.jpeg"),
        ) {
            Ok(p) if p.format == "jpeg" => {}
            _ => return Err(at(format!("the poster of '{}' is not a JPEG image", media.name))),
        }
    }
    for media in &pc.media {
        let Some(StagedMedia { path, .. }) = staged.get(&media.path) else { continue };
        let at = |detail: String| refuse(media.path.clone(), Problem::ContentInvalid { detail });
        let mut file =
            File::open(path).map_err(|source| Error::Io { path: path.clone(), source })?;
        let probe =
            crate::media::probe::probe(&mut file, media.size, std::path::Path::new(&media.name))
                .map_err(|e| {
                    at(format!(
                        "it is not a playable {}: {}",
                        media.format,
                        e.message(crate::model::Lang::En)
                    ))
                })?;
        if probe.kind != media.kind || probe.format != media.format {
            return Err(at(format!(
                "it is {} {}, not {} {}",
                probe.kind.code(),
                probe.format,
                media.kind.code(),
                media.format
            )));
        }
    }
    Ok(())
}
