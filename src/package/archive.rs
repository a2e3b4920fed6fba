//! Reading a package that may be hostile.
//!
//! [`SafeArchive::open`] checks the whole container before a single entry is
//! decompressed: the true entry count, every raw name against our path rule,
//! duplicates (also after case folding and Unicode normalisation), files that
//! are also folders, symlinks, encryption, compression methods, local headers
//! that disagree with the central directory, entries whose bytes overlap, and
//! the size, total and compression-ratio caps. [`SafeArchive::copy_entry`]
//! then streams one entry through a fixed buffer while hashing it, and stops
//! the moment the bytes exceed what the archive declared (a zip bomb never
//! gets to inflate) or fail their CRC. Nothing here writes to disk except
//! into the sink the caller gives; nothing ever calls `extract()`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, ErrorKind, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::cdwalk;
use super::limits::Limits;
use super::paths::{self, PathProblem};
use super::problem::Problem;
use crate::error::{Error, Result};
use crate::media::as_steps;
use crate::media::flush_behind::FlushBehind;
use crate::media::hashcopy::{self, CopyError};

const CHUNK: usize = 1 << 20;
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATED: u16 = 8;
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_UTF8: u16 = 1 << 11;

/// One entry as the central directory declares it, after every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    pub index: usize,
    pub name: String,
    /// Declared uncompressed size.
    pub size: u64,
    pub compressed: u64,
    /// CRC-32 from the central directory; reading the entry to its end
    /// checks the bytes against it (the `zip` crate refuses a mismatch).
    pub crc32: u32,
    pub is_dir: bool,
}

pub struct SafeArchive {
    path: PathBuf,
    label: String,
    zip: ZipArchive<BufReader<File>>,
    entries: Vec<EntryInfo>,
    by_name: HashMap<String, usize>,
}

pub(crate) fn refuse(entry: impl Into<String>, problem: Problem) -> Error {
    Error::PackageRefused { entry: entry.into(), problem }
}

impl SafeArchive {
    pub fn open(path: &Path, limits: &Limits) -> Result<SafeArchive> {
        let unreadable = |source| Error::PackageUnreadable { path: path.to_path_buf(), source };
        let label = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let not_zip =
            |detail: &str| refuse(label.clone(), Problem::NotAZip { detail: detail.to_string() });
        let mut file = File::open(path).map_err(unreadable)?;
        let len = file.metadata().map_err(unreadable)?.len();
        if std::fs::metadata(path).map(|m| m.is_dir()).unwrap_or(false) {
            return Err(not_zip("it is a folder"));
        }

        // 1. Our own reading of the end record and central directory.
        let end = cdwalk::end_record(&mut file, len)
            .map_err(unreadable)?
            .ok_or_else(|| not_zip("no end-of-archive record; the file is truncated"))?;
        if end.entries > limits.max_entries {
            return Err(refuse(
                label,
                Problem::TooManyEntries { count: end.entries, max: limits.max_entries },
            ));
        }
        let cd_end = end
            .cd_offset
            .checked_add(end.cd_size)
            .filter(|&e| e <= len)
            .ok_or_else(|| not_zip("the central directory lies outside the file"))?;
        let records = cdwalk::central_records(&mut file, end.cd_offset, cd_end, end.entries)
            .map_err(unreadable)?
            .ok_or_else(|| not_zip("the central directory is damaged"))?;

        // 2. The names, before anything else looks at them.
        let mut first_by_raw: HashMap<&[u8], usize> = HashMap::new();
        for (i, record) in records.iter().enumerate() {
            let shown = String::from_utf8_lossy(&record.name).into_owned();
            let name_for_rule = record.name.strip_suffix(b"/").unwrap_or(&record.name);
            paths::check(name_for_rule)
                .map_err(|p| refuse(shown.clone(), Problem::UnsafePath(p)))?;
            if !record.name.is_ascii() && record.flags & FLAG_UTF8 == 0 {
                return Err(refuse(shown, Problem::UnsafePath(PathProblem::NotUtf8)));
            }
            if record.has_alternative_name {
                return Err(refuse(
                    shown,
                    Problem::HeaderMismatch {
                        detail: "it carries a second, alternative name".into(),
                    },
                ));
            }
            if let Some(&j) = first_by_raw.get(record.name.as_slice()) {
                let other = String::from_utf8_lossy(&records[j].name).into_owned();
                return Err(refuse(shown, Problem::DuplicateEntry { other }));
            }
            first_by_raw.insert(&record.name, i);
        }

        // 3. The zip crate's parse, which must agree with ours.
        let mut zip = ZipArchive::new(BufReader::new(file)).map_err(|e| not_zip(&e.to_string()))?;
        if zip.len() != records.len() || zip.central_directory_start() != end.cd_offset {
            return Err(not_zip("the central directory is inconsistent"));
        }

        let mut entries = Vec::with_capacity(records.len());
        let mut ranges = Vec::with_capacity(records.len());
        let mut total = 0u64;
        for (index, record) in records.iter().enumerate() {
            let name = String::from_utf8(record.name.clone()).expect("checked as UTF-8 above");
            let at = |p: Problem| refuse(name.clone(), p);
            let raw = zip
                .by_index_raw(index)
                .map_err(|e| at(Problem::HeaderMismatch { detail: e.to_string() }))?;
            if raw.name_raw() != record.name.as_slice() {
                return Err(not_zip("the central directory is inconsistent"));
            }
            let is_dir = name.ends_with('/');
            if raw.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000) {
                return Err(at(Problem::Symlink));
            }
            if record.flags & FLAG_ENCRYPTED != 0 || raw.encrypted() {
                return Err(at(Problem::Encrypted));
            }
            if record.method != METHOD_STORED && record.method != METHOD_DEFLATED {
                return Err(at(Problem::UnsupportedCompression { method: record.method }));
            }
            let (size, compressed, crc32) = (raw.size(), raw.compressed_size(), raw.crc32());
            if record.method == METHOD_STORED && size != compressed {
                return Err(at(Problem::DeclaredSizeLies { declared: size }));
            }
            if size > limits.max_entry_size {
                return Err(at(Problem::EntryTooLarge { size, max: limits.max_entry_size }));
            }
            total = total.saturating_add(size);
            if total > limits.max_total_size {
                return Err(refuse(
                    label,
                    Problem::PackageTooLarge { size: total, max: limits.max_total_size },
                ));
            }
            if record.method == METHOD_DEFLATED && size > limits.ratio_floor {
                let ratio = size / compressed.max(1);
                if ratio > limits.max_ratio {
                    return Err(at(Problem::ZipBomb { ratio, max: limits.max_ratio }));
                }
            }
            let header = raw.header_start();
            let data = raw
                .data_start()
                .ok_or_else(|| at(Problem::HeaderMismatch { detail: "no local header".into() }))?;
            drop(raw);
            let data_end =
                data.checked_add(compressed).filter(|&e| e <= end.cd_offset).ok_or_else(|| {
                    at(Problem::OverlappingEntries { other: "the central directory".into() })
                })?;
            ranges.push((header, data_end, index));
            entries.push(EntryInfo { index, name, size, compressed, crc32, is_dir });
        }

        // 4. Local headers must name what the central directory names.
        let mut file = File::open(path).map_err(unreadable)?;
        for (header, _, index) in &ranges {
            let local = cdwalk::local_name(&mut file, *header, len).map_err(unreadable)?;
            if local.as_deref() != Some(records[*index].name.as_slice()) {
                return Err(refuse(
                    entries[*index].name.clone(),
                    Problem::HeaderMismatch { detail: "the local header has another name".into() },
                ));
            }
        }

        // 5. No two entries may share bytes.
        ranges.sort();
        for pair in ranges.windows(2) {
            let ((_, end_a, a), (start_b, _, b)) = (pair[0], pair[1]);
            if start_b < end_a {
                return Err(refuse(
                    entries[b].name.clone(),
                    Problem::OverlappingEntries { other: entries[a].name.clone() },
                ));
            }
        }

        // 6. Names that collide on case-insensitive or normalising disks, and files that are folders.
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut folders: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let trimmed = e.name.trim_end_matches('/');
            if !e.is_dir {
                if let Some(&j) = by_key.get(&paths::collision_key(trimmed)) {
                    return Err(refuse(
                        e.name.clone(),
                        Problem::DuplicateEntry { other: entries[j].name.clone() },
                    ));
                }
                by_key.insert(paths::collision_key(trimmed), i);
            }
            if e.is_dir {
                folders.entry(paths::collision_key(trimmed)).or_insert(i);
            }
            for folder in paths::parent_folders(trimmed) {
                folders.entry(paths::collision_key(folder)).or_insert(i);
            }
        }
        for e in entries.iter().filter(|e| !e.is_dir) {
            if folders.contains_key(&paths::collision_key(&e.name)) {
                return Err(refuse(e.name.clone(), Problem::FileIsAlsoFolder));
            }
        }

        let by_name = entries.iter().map(|e| (e.name.clone(), e.index)).collect();
        Ok(SafeArchive { path: path.to_path_buf(), label, zip, entries, by_name })
    }

    /// The package file's name, used when a refusal is about the whole package.
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn entries(&self) -> &[EntryInfo] {
        &self.entries
    }

    pub fn get(&self, name: &str) -> Option<&EntryInfo> {
        self.by_name.get(name).map(|&i| &self.entries[i])
    }

    /// A small entry (manifest, signature, course.json) into memory, refused above `max` bytes.
    pub fn read_small(
        &mut self,
        name: &str,
        max: u64,
        too_large: impl Fn(u64) -> Problem,
    ) -> Result<Vec<u8>> {
        let info =
            self.get(name).cloned().ok_or_else(|| refuse(name, Problem::MissingFromArchive))?;
        if info.size > max {
            return Err(refuse(name, too_large(info.size)));
        }
        let mut bytes = Vec::with_capacity(info.size as usize);
        self.copy_entry(&info, &mut bytes, &mut |_| ControlFlow::Continue(()))?;
        Ok(bytes)
    }

    /// Streams one entry into `out` while hashing; returns the hex SHA-256.
    /// Stops as soon as the bytes exceed the declared size.
    pub fn copy_entry(
        &mut self,
        info: &EntryInfo,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String> {
        let at = |p: Problem| refuse(info.name.clone(), p);
        let path = self.path.clone();
        let mut reader = self.zip.by_index(info.index).map_err(|e| match e {
            zip::result::ZipError::Io(source) => {
                Error::PackageUnreadable { path: path.clone(), source }
            }
            other => at(Problem::HeaderMismatch { detail: other.to_string() }),
        })?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; CHUNK];
        let mut done = 0u64;
        loop {
            // Never ask for more than one byte past the declared size.
            let want =
                (info.size - done.min(info.size)).saturating_add(1).min(CHUNK as u64) as usize;
            let n = match reader.read(&mut buf[..want]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_failure(&info.name, &path, e)),
            };
            done += n as u64;
            if done > info.size {
                return Err(at(Problem::DeclaredSizeLies { declared: info.size }));
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])
                .map_err(|source| Error::Io { path: PathBuf::from(&info.name), source })?;
            if progress(n as u64).is_break() {
                return Err(Error::Cancelled);
            }
        }
        if done != info.size {
            return Err(at(Problem::DeclaredSizeLies { declared: info.size }));
        }
        Ok(hex::encode(hasher.finalize()))
    }

    /// Streams one entry into `file` (staging, on the library's disk) the way
    /// attach copies a video: the SHA-256 is computed on a second core while
    /// this one reads and writes ([`hashcopy`]), and the written bytes are
    /// handed to the disk as they go ([`FlushBehind`]), so the final fsync
    /// is short. The zip reader checks the CRC-32. Same errors and checks
    /// as [`SafeArchive::copy_entry`]; returns the hex SHA-256.
    pub fn stage_entry(
        &mut self,
        info: &EntryInfo,
        file: &mut File,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<String> {
        let at = |p: Problem| refuse(info.name.clone(), p);
        let path = self.path.clone();
        let reader = self.zip.by_index(info.index).map_err(|e| match e {
            zip::result::ZipError::Io(source) => {
                Error::PackageUnreadable { path: path.clone(), source }
            }
            other => at(Problem::HeaderMismatch { detail: other.to_string() }),
        })?;
        let mut declared = DeclaredSize { inner: reader, left: info.size, lied: false };
        let mut out = FlushBehind::new(file);
        let copied = hashcopy::copy_sha256(
            &mut declared,
            &mut out,
            Some(info.size),
            &mut as_steps(progress),
        );
        match copied {
            Ok((sha, size)) if size == info.size => Ok(sha),
            Ok(_) => Err(at(Problem::DeclaredSizeLies { declared: info.size })),
            Err(CopyError::Read(_)) if declared.lied => {
                Err(at(Problem::DeclaredSizeLies { declared: info.size }))
            }
            Err(CopyError::Read(e)) => Err(read_failure(&info.name, &path, e)),
            Err(CopyError::Write(source)) => {
                Err(Error::Io { path: PathBuf::from(&info.name), source })
            }
            Err(CopyError::Cancelled) => Err(Error::Cancelled),
        }
    }
}

/// A reader that stops with an error as soon as an entry gives more bytes
/// than its header declared (never asking for more than one byte past it).
struct DeclaredSize<R> {
    inner: R,
    left: u64,
    lied: bool,
}

impl<R: Read> Read for DeclaredSize<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = self.left.saturating_add(1).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            self.lied = true;
            return Err(std::io::Error::other("more bytes than declared"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn read_failure(entry: &str, package: &Path, e: std::io::Error) -> Error {
    let text = e.to_string();
    if text.contains("checksum") {
        refuse(entry, Problem::CrcMismatch)
    } else if e.kind() == ErrorKind::InvalidData
        || e.kind() == ErrorKind::InvalidInput
        || e.kind() == ErrorKind::UnexpectedEof
    {
        refuse(entry, Problem::CorruptData { detail: text })
    } else {
        Error::PackageUnreadable { path: package.to_path_buf(), source: e }
    }
}
