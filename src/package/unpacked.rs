//! `juntos export --unpacked`: the entries of a signed package written as a
//! folder instead of a zip, for sticks where nobody will unzip. The entries
//! (the player's files among them, from [`crate::player`]) are the same as
//! the zip's; only the writing differs: a `NAME.partial` folder, every file
//! synced, then renamed into place (an earlier package moved aside first).

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

use crate::atomic_file::{folder_and_name, sync_dir};
use crate::error::{Error, Result};
use crate::media::flush_behind::FlushBehind;
use crate::Library;

use super::export::{self, ExportOptions, ExportReport};
use super::progress::{Phase, Progress};
use super::writer::{self, Entry, Source};
use super::{fsinfo, manifest};

impl Library {
    /// Writes the package of a course as a folder instead of a zip — the
    /// same entries, manifest and signature included — for sticks where
    /// nobody will unzip: open `index.html` in it. `options.to` is the folder
    /// to create (default: `<slug>` or `<slug>.<lang>` in the current
    /// folder). It must not exist or be empty; with `overwrite`, a folder
    /// holding an earlier package (`manifest.json`) is replaced, anything
    /// else is refused. Written as `NAME.partial` beside it, then renamed.
    pub fn export_unpacked(
        &mut self,
        course_id: &str,
        options: &ExportOptions,
        mut progress: impl FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<ExportReport> {
        let (course, mut plan) = self.signed_plan(course_id, options.languages)?;
        let target = match &options.to {
            Some(path) => path.clone(),
            None => export::current_dir()?.join(export::base_name(&course.slug, options.languages)),
        };
        let bytes = write_folder(&target, &mut plan.entries, options.overwrite, &mut progress)?;
        self.keep_learned_crc32(&plan.entries);
        Ok(plan.report(target, bytes))
    }
}

/// Writes entries as files under a new folder `target`; returns the bytes written.
fn write_folder(
    target: &Path,
    entries: &mut [Entry],
    overwrite: bool,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<u64> {
    let (parent, name) = folder_and_name(target);
    if name.is_empty() || !parent.is_dir() {
        return Err(Error::TargetNotWritable {
            path: parent.clone(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
    }
    // What is there already: nothing, an empty folder, or (with overwrite) an earlier package.
    let existing = match std::fs::read_dir(target) {
        Ok(mut dir) => {
            let empty = dir.next().is_none();
            let earlier_package = target.join(manifest::MANIFEST).is_file();
            let replaceable = overwrite && earlier_package;
            if !(empty || replaceable) {
                // Said about a folder, and `--force` offered only where it would help.
                return Err(Error::ExportFolderNotEmpty {
                    path: target.to_path_buf(),
                    earlier_package: earlier_package && !overwrite,
                });
            }
            Some(empty)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(_) if target.is_file() => {
            return Err(Error::ExportTargetExists { path: target.to_path_buf() })
        }
        Err(_) => {
            return Err(Error::ExportFolderNotEmpty {
                path: target.to_path_buf(),
                earlier_package: false,
            })
        }
    };

    let total: u64 = entries.iter().map(|e| e.size).sum();
    let fs = fsinfo::probe(&parent)
        .map_err(|source| Error::TargetNotWritable { path: parent.clone(), source })?;
    if fs.fat32 {
        if let Some(big) = entries.iter().find(|e| e.size > fsinfo::FAT32_MAX_FILE) {
            return Err(Error::ExportTooBigForFat32 { entry: big.path.clone(), size: big.size });
        }
    }
    // A folder has no 4 GiB limit as a whole: only free space counts.
    let estimate =
        fsinfo::WriteEstimate { package: total + 4096 * entries.len() as u64, largest_entry: None };
    fsinfo::check_target(&parent, &name, &fsinfo::FsInfo { fat32: false, ..fs }, &estimate)?;

    let partial = parent.join(format!("{name}.partial"));
    // A partial folder is ours by name: left by a crash or a pulled stick.
    if partial.exists() {
        std::fs::remove_dir_all(&partial).map_err(io(&partial))?;
    }
    let written = write_entries(&partial, entries, total, progress).and_then(|()| {
        match existing {
            Some(true) => std::fs::remove_dir(target).map_err(io(target))?,
            Some(false) => {
                // Replace an earlier package: move it aside first, so a
                // failure leaves one whole folder under the real name.
                let old = parent.join(format!("{name}.old"));
                if old.exists() {
                    std::fs::remove_dir_all(&old).map_err(io(&old))?;
                }
                std::fs::rename(target, &old).map_err(io(target))?;
                if let Err(e) = std::fs::rename(&partial, target) {
                    let _ = std::fs::rename(&old, target);
                    return Err(io(target)(e));
                }
                let _ = std::fs::remove_dir_all(&old);
                return Ok(());
            }
            None => {}
        }
        std::fs::rename(&partial, target).map_err(io(target))
    });
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(e);
    }
    sync_dir(&parent);
    Ok(total)
}

/// An I/O error about `path`.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { path, source }
}

fn write_entries(
    root: &Path,
    entries: &mut [Entry],
    total: u64,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<()> {
    std::fs::create_dir(root)
        .map_err(|source| Error::TargetNotWritable { path: root.to_path_buf(), source })?;
    let mut done = 0u64;
    let mut dirs = vec![root.to_path_buf()];
    for entry in entries.iter_mut() {
        if progress(Progress { phase: Phase::Writing, entry: entry.path.clone(), done, total })
            .is_break()
        {
            return Err(Error::Cancelled);
        }
        // Entry paths come from `export::plan` and obey the package path rule.
        let path = entry.path.split('/').fold(root.to_path_buf(), |p, part| p.join(part));
        if let Some(dir) = path.parent() {
            if !dirs.iter().any(|d| d == dir) {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
                dirs.push(dir.to_path_buf());
            }
        }
        let mut out = std::fs::File::create(&path).map_err(io(&path))?;
        match &mut entry.source {
            Source::Bytes(bytes) => out.write_all(bytes).map_err(io(&path))?,
            Source::File { path: from, crc32 } => {
                let start = done;
                // Handed to the disk as it goes, as the zip is (a video is
                // most of a package): the final fsync is then short.
                let learned = writer::copy_checked(
                    entry.size,
                    &entry.sha256,
                    from,
                    *crc32,
                    &mut FlushBehind::new(&mut out),
                    |source| Error::Io { path: path.clone(), source },
                    &mut |copied| {
                        progress(Progress {
                            phase: Phase::Writing,
                            entry: entry.path.clone(),
                            done: start + copied,
                            total,
                        })
                    },
                )?;
                *crc32 = crc32.or(learned);
            }
        }
        out.sync_all().map_err(io(&path))?;
        done += entry.size;
    }
    for dir in &dirs {
        sync_dir(dir);
    }
    let _ = progress(Progress { phase: Phase::Writing, entry: String::new(), done: total, total });
    Ok(())
}
