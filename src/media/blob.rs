//! The content-addressed blob store under the library's `media/` folder.
//!
//! A file's bytes are stored once, at `media/ab/abcdef…`, named by their
//! SHA-256. The hash is computed while copying, in one streaming pass through
//! a few fixed 1 MiB buffers (`hashcopy`), so a 4 GB video costs the same
//! memory as a photo. The
//! copy goes to a temp file in `media/` itself (same file system, so the final
//! rename is atomic), is fsynced, and only then renamed into place. A
//! [`StagedBlob`] removes its temp file when dropped, so every early return —
//! an I/O error, a full disk, a cancel — leaves nothing behind.
//!
//! Renames into place and deletions happen only while the caller holds the
//! database's write lock (see `library_ops`), so `gc` can never delete a blob
//! that an attach in another process is about to register.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use super::flush_behind::FlushBehind;
use super::hashcopy::{copy_hashing, CopyError, CHUNK};
use super::progress::Progress;
use crate::error::{Error, Result};

/// Temp files being copied in are called `.incoming-<pid>-<uuid>`.
pub const TEMP_PREFIX: &str = ".incoming-";
/// A temp file untouched for this long is left over from a crash even if we
/// cannot tell whether its process is alive.
const TEMP_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
/// Journals of blobs being moved into place are called `.placing-<pid>-<uuid>`.
pub const JOURNAL_PREFIX: &str = ".placing-";

#[derive(Debug, Clone)]
pub struct BlobStore {
    dir: PathBuf,
}

/// Bytes copied into a temp file, hashed and fsynced, not yet in place.
pub struct StagedBlob {
    temp: TempFile,
    pub sha256: String,
    /// Kept in `blob_checksums` so an export can check the bytes cheaply.
    pub crc32: u32,
    pub size: u64,
}

/// A blob that [`StagedBlob::commit`] put in place.
#[derive(Debug)]
pub struct CommittedBlob {
    pub sha256: String,
    pub crc32: u32,
    pub size: u64,
    path: PathBuf,
    /// False when identical bytes were already stored (deduplicated).
    pub created: bool,
    /// Names the blob until the caller's transaction is over (dropped with it).
    _journal: Option<PlacementJournal>,
}

/// Names the blobs an operation is about to move into the store, written and
/// synced *before* they are moved, removed when the operation is over (its
/// rows committed, or the blobs taken back). A process killed between the
/// move and the commit leaves blobs no row refers to; its journal, whose
/// process is gone, lets the next open remove exactly those
/// ([`BlobStore::leftovers`]) — never the unreferenced blobs
/// that a detach or a deleted course keep until `gc`.
#[derive(Debug)]
pub struct PlacementJournal {
    path: PathBuf,
}

impl Drop for PlacementJournal {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// What [`BlobStore::leftovers`] found.
#[derive(Debug, Default)]
pub struct Leftovers {
    /// Temp files left by a copy that crashed, with their sizes.
    pub temp_files: Vec<(PathBuf, u64)>,
    /// Journals left by an attach or an import killed before its rows were
    /// committed, with the blobs each names.
    pub placements: Vec<(PathBuf, Vec<String>)>,
}

/// Removes the file on drop unless it was moved away.
struct TempFile {
    path: PathBuf,
    armed: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

impl BlobStore {
    pub fn new(dir: impl Into<PathBuf>) -> BlobStore {
        BlobStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the blob with this SHA-256 (lowercase hex) lives.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2.min(sha256.len())]).join(sha256)
    }

    /// Copies `reader` into a temp file in the store while hashing it.
    /// `source` names the input in error messages; `total` is its size when known.
    pub fn stage(
        &self,
        reader: &mut dyn Read,
        total: Option<u64>,
        source: &Path,
        progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    ) -> Result<StagedBlob> {
        fs::create_dir_all(&self.dir).map_err(|e| self.write_error(e, &self.dir))?;
        let path =
            self.dir.join(format!("{TEMP_PREFIX}{}-{}", std::process::id(), uuid::Uuid::new_v4()));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| self.write_error(e, &path))?;
        let temp = TempFile { path, armed: true };
        let copied = copy_hashing(reader, &mut FlushBehind::new(&mut file), total, progress)
            .map_err(|e| match e {
                CopyError::Read(e) => {
                    Error::MediaReadFailed { path: source.to_path_buf(), source: e }
                }
                CopyError::Write(e) => self.write_error(e, &temp.path),
                CopyError::Cancelled => Error::Cancelled,
            })?;
        file.sync_all().map_err(|e| self.write_error(e, &temp.path))?;
        drop(file);
        Ok(StagedBlob { temp, sha256: copied.sha256, crc32: copied.crc32, size: copied.size })
    }

    /// Every blob file on disk with its size (temp files excluded).
    pub fn list(&self) -> Result<Vec<(String, u64)>> {
        let mut blobs = Vec::new();
        for fan in read_dir_or_empty(&self.dir)? {
            let fan = fan.map_err(|e| io(e, &self.dir))?;
            let name = fan.file_name().to_string_lossy().into_owned();
            if name.len() != 2 || !fan.file_type().map_err(|e| io(e, &fan.path()))?.is_dir() {
                continue;
            }
            for blob in read_dir_or_empty(&fan.path())? {
                let blob = blob.map_err(|e| io(e, &fan.path()))?;
                let sha = blob.file_name().to_string_lossy().into_owned();
                let meta = blob.metadata().map_err(|e| io(e, &blob.path()))?;
                if meta.is_file() && is_sha256(&sha) && sha.starts_with(&name) {
                    blobs.push((sha, meta.len()));
                }
            }
        }
        blobs.sort();
        Ok(blobs)
    }

    /// What crashed operations left in the store's folder, found in one
    /// listing: temp files of copies and journals of placements whose
    /// process is gone, or that nobody has written to for a day.
    pub fn leftovers(&self) -> Result<Leftovers> {
        let mut out = Leftovers::default();
        for entry in read_dir_or_empty(&self.dir)? {
            let entry = entry.map_err(|e| io(e, &self.dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let (rest, is_temp) =
                match (name.strip_prefix(TEMP_PREFIX), name.strip_prefix(JOURNAL_PREFIX)) {
                    (Some(rest), _) => (rest, true),
                    (None, Some(rest)) => (rest, false),
                    (None, None) => continue,
                };
            let meta = entry.metadata().map_err(|e| io(e, &entry.path()))?;
            if !abandoned(rest, &meta) {
                continue;
            }
            if is_temp {
                out.temp_files.push((entry.path(), meta.len()));
            } else {
                // A journal cut short by the crash names fewer blobs; what it names is whole lines.
                let text = fs::read_to_string(entry.path()).unwrap_or_default();
                let shas = text.lines().filter(|l| is_sha256(l)).map(String::from).collect();
                out.placements.push((entry.path(), shas));
            }
        }
        out.temp_files.sort();
        out.placements.sort();
        Ok(out)
    }

    /// Re-hashes a stored blob. `Ok(None)` when the file is missing.
    pub fn hash_blob(
        &self,
        sha256: &str,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<Option<String>> {
        let path = self.path_of(sha256);
        let mut file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e, &path)),
        };
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(io(e, &path)),
            };
            hasher.update(&buf[..n]);
            if progress(n as u64).is_break() {
                return Err(Error::Cancelled);
            }
        }
        Ok(Some(hex::encode(hasher.finalize())))
    }

    /// Deletes a blob file (the caller has checked nothing references it).
    pub fn remove(&self, sha256: &str) -> Result<()> {
        let path = self.path_of(sha256);
        match fs::remove_file(&path) {
            Ok(()) => {
                // An empty fan-out folder is removed too; a full one stays.
                if let Some(parent) = path.parent() {
                    let _ = fs::remove_dir(parent);
                }
                Ok(())
            }
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(e, &path)),
        }
    }

    /// Writes (and syncs) a journal naming `shas`, which are about to be moved
    /// into the store. Call while holding the database write lock.
    pub fn journal(&self, shas: &[&str]) -> Result<PlacementJournal> {
        let path = self.dir.join(format!(
            "{JOURNAL_PREFIX}{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| self.write_error(e, &path))?;
        let journal = PlacementJournal { path };
        std::io::Write::write_all(&mut file, shas.join("\n").as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| self.write_error(e, &journal.path))?;
        sync_dir(&self.dir).map_err(|e| self.write_error(e, &self.dir))?;
        Ok(journal)
    }

    fn write_error(&self, e: std::io::Error, path: &Path) -> Error {
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                Error::DiskFull { path: self.dir.clone() }
            }
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                Error::LibraryNotWritable { path: self.dir.clone(), source: e }
            }
            _ => io(e, path),
        }
    }
}

/// A temp file name in the store for another program (ffmpeg) to write:
/// same folder as the blobs, so placing it is a rename; removed when
/// dropped unless it became a [`StagedBlob`]. Named like an attach's temp
/// file, so `gc` and the next open clean up after a crash the same way.
pub struct Scratch {
    temp: TempFile,
}

impl BlobStore {
    /// A fresh temp file name in the store (the file is not created).
    pub fn scratch(&self) -> Result<Scratch> {
        fs::create_dir_all(&self.dir).map_err(|e| self.write_error(e, &self.dir))?;
        let path =
            self.dir.join(format!("{TEMP_PREFIX}{}-{}", std::process::id(), uuid::Uuid::new_v4()));
        Ok(Scratch { temp: TempFile { path, armed: true } })
    }
}

impl Scratch {
    pub fn path(&self) -> &Path {
        &self.temp.path
    }

    /// Syncs and hashes what the program wrote, ready to be placed.
    pub fn into_staged(self, store: &BlobStore) -> Result<StagedBlob> {
        let path = self.temp.path.clone();
        let mut file = File::open(&path).map_err(|e| io(e, &path))?;
        file.sync_all().map_err(|e| store.write_error(e, &path))?;
        let copied =
            copy_hashing(&mut file, &mut std::io::sink(), None, &mut |_| ControlFlow::Continue(()))
                .map_err(|e| match e {
                    CopyError::Read(e) | CopyError::Write(e) => io(e, &path),
                    CopyError::Cancelled => Error::Cancelled,
                })?;
        Ok(StagedBlob {
            temp: self.temp,
            sha256: copied.sha256,
            crc32: copied.crc32,
            size: copied.size,
        })
    }
}

impl StagedBlob {
    /// The temp file, for probing the exact bytes that will be stored.
    pub fn path(&self) -> &Path {
        &self.temp.path
    }

    /// Moves the bytes into place (or drops them when identical bytes are
    /// already stored). Call while holding the database write lock.
    pub fn commit(mut self, store: &BlobStore) -> Result<CommittedBlob> {
        let target = store.path_of(&self.sha256);
        let parent = target.parent().expect("blob path has a parent");
        let mut journal = None;
        let created = if fs::metadata(&target).is_ok_and(|m| m.is_file()) {
            // Same name, same bytes: stored once. Our fresh copy replaces the
            // stored one, which repairs it if it was damaged; where that is
            // not possible (a file in use on Windows) the stored one stays.
            let _ = self.rename_into(store, &target, parent);
            false
        } else {
            journal = Some(store.journal(&[&self.sha256])?);
            fs::create_dir_all(parent).map_err(|e| store.write_error(e, parent))?;
            self.rename_into(store, &target, parent)?;
            true
        };
        Ok(CommittedBlob {
            sha256: self.sha256.clone(),
            crc32: self.crc32,
            size: self.size,
            path: target,
            created,
            _journal: journal,
        })
    }

    fn rename_into(&mut self, store: &BlobStore, target: &Path, parent: &Path) -> Result<()> {
        fs::rename(&self.temp.path, target).map_err(|e| store.write_error(e, target))?;
        self.temp.armed = false;
        sync_dir(parent).map_err(|e| store.write_error(e, parent))?;
        sync_dir(store.dir()).map_err(|e| store.write_error(e, store.dir()))
    }
}

impl CommittedBlob {
    /// Takes back a blob this commit created, when registering it failed.
    pub fn undo(&self) {
        if self.created {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn read_dir_or_empty(
    dir: &Path,
) -> Result<Box<dyn Iterator<Item = std::io::Result<fs::DirEntry>>>> {
    match fs::read_dir(dir) {
        Ok(it) => Ok(Box::new(it)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Box::new(std::iter::empty())),
        Err(e) => Err(io(e, dir)),
    }
}

/// A temp file or journal named `<prefix><pid>-…` whose process is gone, or
/// that nobody has written to for a day.
fn abandoned(name_after_prefix: &str, meta: &fs::Metadata) -> bool {
    let pid = name_after_prefix.split('-').next().and_then(|p| p.parse::<u32>().ok());
    let old = meta
        .modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age > TEMP_MAX_AGE);
    old || pid.is_some_and(|p| !process_alive(p))
}

pub fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Makes a rename durable: on Unix the directory entry must be synced too.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Whether a process is alive; unknown (true) where `/proc` does not exist.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

fn io(source: std::io::Error, path: &Path) -> Error {
    Error::Io { path: path.to_path_buf(), source }
}
