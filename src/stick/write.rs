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
use super::existing::{Existing, Work};
use super::manifest::{self, INCOMING, MANIFEST, NEXT};
use super::plan::{is_fixed_name, StickPlan};
use super::preflight::assess;
use super::stamp;
use super::verify::list_files;
use super::StickWriteReport;
use crate::atomic_file::sync_dir;
use crate::error::{Error, Result};
use crate::media::flush_behind::FlushBehind;
use crate::org::OrgKey;
use crate::package::progress::{Phase, Progress};
use crate::package::writer::{copy_checked, Entry, Source};

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
