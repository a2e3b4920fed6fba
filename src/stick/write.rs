//! Writing a stick, first time or in place: the pre-flight, then the update
//! protocol of `docs/stick-format.md` ("Writing and updating").
//!
//! The rule that makes a pulled-out stick safe: every file goes to
//! `.incoming/<n>`, the stick is flushed once, and each file is renamed to
//! its name; content-named
//! files (media, course folders) first, fixed-name files (`player/…`,
//! `catalogue/…`, `index.html` last) next, the manifest last; nothing the
//! old set needs is removed before the new manifest is in place. While this
//! runs, `juntos-stick.next.json` (the new set) and
//! `juntos-stick.prev-<G>.json` (the old) say which files are legitimate,
//! so `verify` accepts a stick stopped at any point.
//!
//! What is already there is not written again: a content-named file a
//! signed set lists is kept when it carries that set's stamp (`stamp.rs`)
//! or hashes right, a fixed-name file when it hashes right; and a stick that
//! already holds exactly the new set is not touched at all.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::errors::StickError;
use super::manifest::{self, StickManifest, INCOMING, MANIFEST, NEXT};
use super::plan::{is_fixed_name, StickPlan, CATALOGUE_DATA, INDEX};
use super::stamp;
use super::verify::{hash_file, list_files};
use super::{StickPreflight, StickWriteReport};
use crate::atomic_file::sync_dir;
use crate::error::{Error, Result};
use crate::media::flush_behind::FlushBehind;
use crate::org::OrgKey;
use crate::package::fsinfo::{self, FsInfo, FAT32_MAX_FILE};
use crate::package::progress::{Phase, Progress};
use crate::package::writer::{copy_checked, Entry, Source};

/// What is on the stick before a write: the signed sets it holds.
pub(crate) struct Existing {
    pub current: Option<StickManifest>,
    /// `next` and `prev` sets left by an interrupted write, by file name.
    pub others: Vec<(String, StickManifest)>,
    /// The stick is FAT (times kept to 2 s: see `stamp.rs`).
    pub fat: bool,
}

impl Existing {
    /// Reads the stick's manifests. A stick from a newer program is refused
    /// (never overwritten); an unreadable or badly signed manifest counts as
    /// none (everything is then written again, nothing trusted).
    pub(crate) fn read(root: &Path) -> Result<Existing> {
        let mut current = None;
        let mut others = Vec::new();
        if !root.is_dir() {
            return Ok(Existing { current, others, fat: false });
        }
        let fat = fsinfo::probe(root).is_ok_and(|f| f.fat32);
        for name in list_files(root)?.into_iter().filter(|p| manifest::is_manifest_name(p)) {
            if name.ends_with(".partial") {
                continue;
            }
            match StickManifest::read(&root.join(&name)) {
                Ok(m) if name == MANIFEST => current = Some(m),
                Ok(m) => others.push((name, m)),
                Err(e @ Error::Stick(StickError::VersionUnsupported { .. })) => return Err(e),
                Err(_) => {}
            }
        }
        Ok(Existing { current, others, fat })
    }

    fn sets(&self) -> impl Iterator<Item = &StickManifest> {
        self.current.iter().chain(self.others.iter().map(|(_, m)| m))
    }

    fn next_generation(&self) -> u64 {
        self.sets().map(|m| m.generation).max().unwrap_or(0) + 1
    }

    /// A content-named file is kept when a signed set lists it with the same
    /// hash, the stick has a file of that size by that name, and the file
    /// still carries that set's stamp (`stamp.rs`: nobody wrote it since) or,
    /// failing that, its bytes hash to it.
    fn holds(&self, root: &Path, entry: &Entry) -> bool {
        let listing: Vec<&StickManifest> = self
            .sets()
            .filter(|m| m.file(&entry.path).is_some_and(|f| f.sha256 == entry.sha256))
            .collect();
        if listing.is_empty() {
            return false;
        }
        let path = root.join(&entry.path);
        let Ok(meta) = std::fs::metadata(&path) else { return false };
        if meta.len() != entry.size {
            return false;
        }
        let stamped = meta.modified().is_ok_and(|t| {
            listing.iter().any(|m| stamp::matches(t, &m.written_at, &entry.sha256, self.fat))
        });
        stamped || same_bytes(&path, entry)
    }

    /// The stick holds exactly `plan` as its only set, every file kept
    /// carrying the set's stamp: a write would change nothing.
    fn is_exactly(&self, root: &Path, plan: &StickPlan, work: &Work) -> Result<bool> {
        let Some(current) = self.current.as_ref().filter(|_| self.others.is_empty()) else {
            return Ok(false);
        };
        let mut same = plan.manifest(current.generation);
        same.written_at = current.written_at.clone();
        if !work.writing.is_empty() || same != *current {
            return Ok(false);
        }
        let stamped = work.keeping.iter().all(|e| {
            std::fs::metadata(root.join(&e.path))
                .and_then(|m| m.modified())
                .is_ok_and(|t| stamp::matches(t, &current.written_at, &e.sha256, self.fat))
        });
        let on_stick: Vec<String> =
            list_files(root)?.into_iter().filter(|p| !manifest::is_manifest_name(p)).collect();
        let planned: Vec<&str> = plan.files.iter().map(|e| e.path.as_str()).collect();
        Ok(stamped && on_stick == planned)
    }
}

/// Whether the file at `path` has `entry`'s size and SHA-256 (read in full).
fn same_bytes(path: &Path, entry: &Entry) -> bool {
    matches!(hash_file(path, &mut |_| ControlFlow::Continue(())),
        Ok((size, sha)) if size == entry.size && sha == entry.sha256)
}

/// What a write of a plan does on a stick: the files it writes (in the
/// order of their renames) and the content-named files it keeps.
struct Work<'p> {
    writing: Vec<&'p Entry>,
    keeping: Vec<&'p Entry>,
}

impl<'p> Work<'p> {
    fn find(root: &Path, plan: &'p StickPlan, existing: &Existing) -> Work<'p> {
        let (mut writing, mut keeping) = (Vec::new(), Vec::new());
        for e in &plan.files {
            let there = if is_fixed_name(&e.path) {
                // Small: hashed on the stick, so a hand-edited page is repaired.
                same_bytes(&root.join(&e.path), e)
            } else {
                existing.holds(root, e)
            };
            if !there {
                writing.push(e);
            } else if !is_fixed_name(&e.path) {
                keeping.push(e);
            }
        }
        // Content-named first; then the fixed ones, the catalogue data and page last.
        writing
            .sort_by_key(|e| (is_fixed_name(&e.path), e.path == CATALOGUE_DATA, e.path == INDEX));
        Work { writing, keeping }
    }
}

/// Why a write of `bytes_to_write` bytes, whose largest file is `largest`,
/// would be refused by the disk `fs` holding `dir` (none: it fits). FAT32
/// cannot hold a file of 4 GiB or more, however much room it has.
pub fn refusal(
    dir: &Path,
    fs: Option<&FsInfo>,
    largest: Option<(&str, u64)>,
    bytes_to_write: u64,
) -> Option<Error> {
    let Some(fs) = fs else {
        return Some(Error::TargetNotWritable {
            path: dir.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    };
    if let Some((path, size)) = largest.filter(|&(_, size)| fs.fat32 && size > FAT32_MAX_FILE) {
        return Some(Error::ExportTooBigForFat32 { entry: path.to_string(), size });
    }
    let needed = bytes_to_write + bytes_to_write / 100 + (1 << 20);
    (needed > fs.available).then(|| Error::NotEnoughSpace {
        path: dir.to_path_buf(),
        needed,
        available: fs.available,
    })
}

/// The pre-flight: what a write of `plan` to `root` would write, and why it
/// would be refused (`problem`), before anything is written.
pub fn preflight(root: &Path, plan: &StickPlan) -> Result<(StickPreflight, Option<Error>)> {
    let existing = Existing::read(root)?;
    let work = Work::find(root, plan, &existing);
    Ok(assess(root, plan, &work))
}

fn assess(root: &Path, plan: &StickPlan, work: &Work) -> (StickPreflight, Option<Error>) {
    let bytes_to_write: u64 = work.writing.iter().map(|e| e.size).sum();
    let largest = plan.files.iter().max_by_key(|e| e.size);
    let probe_dir = root.ancestors().find(|p| p.is_dir()).unwrap_or(root).to_path_buf();
    let fs = fsinfo::probe(&probe_dir).ok();
    let problem = refusal(
        &probe_dir,
        fs.as_ref(),
        largest.map(|e| (e.path.as_str(), e.size)),
        bytes_to_write,
    );
    let report = StickPreflight {
        root: root.to_path_buf(),
        courses: plan.courses.clone(),
        languages: plan.languages.list(),
        files: plan.files.len(),
        total_bytes: plan.total_bytes(),
        files_to_write: work.writing.len(),
        bytes_to_write,
        bytes_by_choice: Default::default(),
        available: fs.filter(|f| f.available != u64::MAX).map(|f| f.available),
        fat32: fs.is_some_and(|f| f.fat32),
        largest_file: largest.map(|e| e.path.clone()),
        largest_size: largest.map(|e| e.size).unwrap_or(0),
        problem: problem.as_ref().map(crate::ErrorReport::from),
    };
    (report, problem)
}

/// Writes `plan` to the `Juntos/` folder `root` (made when missing).
pub fn write(
    root: &Path,
    plan: &StickPlan,
    key: &OrgKey,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<StickWriteReport> {
    refuse_foreign_folder(root)?;
    let existing = Existing::read(root)?;
    let work = Work::find(root, plan, &existing);
    if let (_, Some(problem)) = assess(root, plan, &work) {
        return Err(problem);
    }
    let report = |generation, w: &Writer| StickWriteReport {
        root: root.to_path_buf(),
        generation,
        courses: plan.courses.clone(),
        languages: plan.languages.list(),
        files: plan.files.len(),
        total_bytes: plan.total_bytes(),
        files_written: w.files_written,
        bytes_written: w.bytes_written,
        files_removed: w.files_removed,
    };
    let mut w = Writer::new(root, &plan.written_at);
    if existing.is_exactly(root, plan, &work)? {
        // Nothing changed: not even the manifest is written.
        let generation = existing.current.as_ref().map_or(0, |c| c.generation);
        return Ok(report(generation, &w));
    }
    w.start()?;
    let result = w.run(plan, key, &existing, work, progress);
    match result {
        Ok(generation) => Ok(report(generation, &w)),
        Err(e) => {
            w.undo();
            Err(w.target_error(e))
        }
    }
}

/// `Juntos/` may be new, empty, or a stick; anything else is someone's files.
fn refuse_foreign_folder(root: &Path) -> Result<()> {
    let Ok(mut entries) = std::fs::read_dir(root) else { return Ok(()) };
    let has_files = entries.next().is_some();
    let ours = root.join(MANIFEST).exists()
        || root.join(NEXT).exists()
        || list_files(root)?.iter().any(|p| p.starts_with(manifest::PREV_PREFIX));
    if has_files && !ours {
        return Err(StickError::FolderNotOurs { path: root.to_path_buf() }.into());
    }
    Ok(())
}

struct Writer {
    root: PathBuf,
    incoming: PathBuf,
    /// The new set's `written_at`: what its files are stamped with.
    written_at: String,
    counter: usize,
    files_written: usize,
    bytes_written: u64,
    files_removed: usize,
    /// Files this write created that no signed set had: removed on failure
    /// as long as no fixed-name file was replaced.
    created: Vec<PathBuf>,
    replaced_fixed: bool,
    dirs: BTreeSet<PathBuf>,
}

impl Writer {
    fn new(root: &Path, written_at: &str) -> Writer {
        Writer {
            root: root.to_path_buf(),
            incoming: root.join(INCOMING),
            written_at: written_at.to_string(),
            counter: 0,
            files_written: 0,
            bytes_written: 0,
            files_removed: 0,
            created: Vec::new(),
            replaced_fixed: false,
            dirs: BTreeSet::new(),
        }
    }

    /// Makes `Juntos/` and an empty `.incoming/`.
    fn start(&mut self) -> Result<()> {
        let root = &self.root;
        let not_writable = |source| Error::TargetNotWritable { path: root.to_path_buf(), source };
        std::fs::create_dir_all(root).map_err(not_writable)?;
        // Temporary files left by an interrupted write are ours by name.
        let _ = std::fs::remove_dir_all(&self.incoming);
        std::fs::create_dir_all(&self.incoming).map_err(not_writable)
    }

    fn run(
        &mut self,
        plan: &StickPlan,
        key: &OrgKey,
        existing: &Existing,
        work: Work,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<u64> {
        let root = self.root.clone();
        // 1. Keep every set that may be on the stick valid while we write.
        for (name, m) in &existing.others {
            if name == NEXT {
                self.rename(&root.join(NEXT), &root.join(manifest::prev_name(m.generation)))?;
            }
        }
        if let Some(current) = &existing.current {
            let prev = root.join(manifest::prev_name(current.generation));
            if !prev.exists() {
                let bytes = std::fs::read(root.join(MANIFEST))
                    .map_err(|source| Error::Io { path: root.join(MANIFEST), source })?;
                self.put_bytes(&prev, &bytes)?;
                self.created.push(prev);
            }
        }
        let generation = existing.next_generation();
        let next = plan.manifest(generation);
        let next_bytes = next.signed_bytes(key);
        self.put_bytes(&root.join(NEXT), &next_bytes)?;

        // The files kept now belong to the new set: its stamp (flushed with
        // the new files below), so the next write trusts them unread.
        for e in &work.keeping {
            let path = root.join(&e.path);
            let stamped = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| stamp::matches(t, &self.written_at, &e.sha256, existing.fat));
            if !stamped {
                stamp::apply(&path, &self.written_at, &e.sha256);
            }
        }

        // 2. The files the stick lacks, content-named first, index.html last.
        let writing = work.writing;
        let total: u64 = writing.iter().map(|e| e.size).sum();
        let mut done = 0u64;
        // Every file to its temporary name first, then one flush of the
        // whole stick (an fsync per file costs a journal commit each: most
        // of a first write's time on small files), then the renames in
        // order: content-named, fixed-name, index.html last.
        let mut staged = Vec::new();
        for entry in writing {
            let temp = self.put_entry(entry, &mut |bytes| {
                progress(Progress {
                    phase: Phase::Writing,
                    entry: entry.path.clone(),
                    done: done + bytes,
                    total,
                })
            })?;
            staged.push((temp, entry));
            done += entry.size;
        }
        flush_stick(&self.incoming, staged.iter().map(|(t, _)| t.as_path()))
            .map_err(|source| Error::Io { path: self.incoming.clone(), source })?;
        for (temp, entry) in staged {
            let target = root.join(&entry.path);
            let existed = target.exists();
            if is_fixed_name(&entry.path) && existed {
                self.replaced_fixed = true;
            }
            self.rename(&temp, &target)?;
            if !existed {
                self.created.push(target);
            }
        }
        self.sync_dirs();

        // 3. The switch: one rename.
        self.replaced_fixed = true;
        self.rename(&root.join(NEXT), &root.join(MANIFEST))?;
        sync_dir(&root);

        // 4. What no course needs any more, then the old sets.
        let keep: BTreeSet<&str> = plan.files.iter().map(|e| e.path.as_str()).collect();
        for path in list_files(&root)? {
            if keep.contains(path.as_str()) || manifest::is_manifest_name(&path) {
                continue;
            }
            if !path.starts_with(INCOMING) && std::fs::remove_file(root.join(&path)).is_ok() {
                self.files_removed += 1;
            }
        }
        let _ = std::fs::remove_dir_all(&self.incoming);
        remove_empty_dirs(&root);
        for path in list_files(&root)? {
            if manifest::is_manifest_name(&path) && path != MANIFEST {
                let _ = std::fs::remove_file(root.join(&path));
            }
        }
        sync_dir(&root);
        Ok(generation)
    }

    fn temp(&mut self) -> PathBuf {
        self.counter += 1;
        self.incoming.join(format!("{}", self.counter))
    }

    fn put_bytes(&mut self, target: &Path, bytes: &[u8]) -> Result<()> {
        let temp = self.temp();
        let io = |source| Error::Io { path: target.to_path_buf(), source };
        let mut file = File::create(&temp).map_err(io)?;
        file.write_all(bytes).map_err(io)?;
        file.sync_all().map_err(io)?;
        drop(file);
        self.files_written += 1;
        self.bytes_written += bytes.len() as u64;
        self.rename(&temp, target)
    }

    /// Writes `entry` to a new temporary file, not yet flushed; returns its path.
    fn put_entry(
        &mut self,
        entry: &Entry,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<PathBuf> {
        let temp = self.temp();
        let target = self.root.join(&entry.path);
        let io = |source| Error::Io { path: target.clone(), source };
        let mut file = File::create(&temp).map_err(io)?;
        match &entry.source {
            Source::Bytes(bytes) => {
                file.write_all(bytes).map_err(io)?;
                if progress(entry.size).is_break() {
                    return Err(Error::Cancelled);
                }
            }
            Source::File { path, crc32 } => {
                // The kernel is asked to write each piece as it is complete,
                // so the flush after all files is short (as for packages).
                let mut behind = FlushBehind::new(&mut file);
                copy_checked(entry.size, &entry.sha256, path, *crc32, &mut behind, io, progress)?;
            }
        }
        // After the last byte (a write would move it again).
        if let Some(t) = stamp::stamp(&self.written_at, &entry.sha256) {
            let _ = file.set_modified(t);
        }
        self.files_written += 1;
        self.bytes_written += entry.size;
        Ok(temp)
    }

    fn rename(&mut self, from: &Path, to: &Path) -> Result<()> {
        let parent = to.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&parent)
            .and_then(|()| std::fs::rename(from, to))
            .map_err(|source| Error::Io { path: to.to_path_buf(), source })?;
        self.dirs.insert(parent);
        Ok(())
    }

    fn sync_dirs(&mut self) {
        for dir in std::mem::take(&mut self.dirs) {
            sync_dir(&dir);
        }
    }

    /// After a failure or a cancel: as long as the old set's fixed files are
    /// untouched, take back what this write added, so a full stick gets its
    /// space back; the old set stays valid either way.
    fn undo(&mut self) {
        let _ = std::fs::remove_dir_all(&self.incoming);
        if self.replaced_fixed {
            return;
        }
        for path in &self.created {
            let _ = std::fs::remove_file(path);
        }
        let _ = std::fs::remove_file(self.root.join(NEXT));
        remove_empty_dirs(&self.root);
        sync_dir(&self.root);
    }

    /// A full or read-only stick, said as such.
    fn target_error(&self, e: Error) -> Error {
        let io_kind = |source: &std::io::Error| source.kind();
        match e {
            Error::Io { source, .. }
                if matches!(
                    io_kind(&source),
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
                ) =>
            {
                Error::NotEnoughSpace {
                    path: self.root.clone(),
                    needed: 0,
                    available: fs4::available_space(&self.root).unwrap_or(0),
                }
            }
            Error::Io { source, .. }
                if matches!(
                    io_kind(&source),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Error::TargetNotWritable { path: self.root.clone(), source }
            }
            other => other,
        }
    }
}

/// Makes the files at `temps` durable before any of them is renamed: one
/// `syncfs` of the stick on Linux, else an fsync of each file.
fn flush_stick<'a>(dir: &Path, temps: impl Iterator<Item = &'a Path>) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let _ = temps;
        let d = File::open(dir)?;
        use std::os::fd::AsRawFd;
        // SAFETY: a valid open file descriptor.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        for temp in temps {
            std::fs::OpenOptions::new().write(true).open(temp)?.sync_all()?;
        }
        Ok(())
    }
}

/// Removes folders left empty (deepest first); `root` itself stays.
fn remove_empty_dirs(root: &Path) {
    fn walk(dir: &Path, root: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(&entry.path(), root);
            }
        }
        if dir != root {
            let _ = std::fs::remove_dir(dir);
        }
    }
    walk(root, root);
}

/// Maps a planned set's files by path (tests and the bench read it).
pub fn by_path(plan: &StickPlan) -> HashMap<&str, &Entry> {
    plan.files.iter().map(|e| (e.path.as_str(), e)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fat32_refuses_a_file_of_4_gib_whatever_the_room() {
        let dir = Path::new("/media/pen");
        let fat = FsInfo { available: 64 << 30, fat32: true };
        let exfat = FsInfo { available: 64 << 30, fat32: false };
        let code = |fs: &FsInfo, largest: u64, bytes: u64| {
            refusal(dir, Some(fs), Some(("media/v.mp4", largest)), bytes).map(|e| e.code())
        };
        assert_eq!(code(&fat, FAT32_MAX_FILE, FAT32_MAX_FILE), None);
        assert_eq!(code(&fat, FAT32_MAX_FILE + 1, 1 << 20), Some("export_too_big_for_fat32"));
        assert_eq!(code(&exfat, FAT32_MAX_FILE + 1, 5 << 30), None);
        assert_eq!(code(&exfat, 1 << 20, 64 << 30), Some("not_enough_space"));
        let e = refusal(dir, Some(&fat), Some(("media/v.mp4", 5 << 30)), 0).unwrap();
        assert!(e.message(crate::model::Lang::En).contains("media/v.mp4"));
        assert_eq!(refusal(dir, None, None, 0).map(|e| e.code()), Some("target_not_writable"));
    }
}
