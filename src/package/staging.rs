//! The staging folder: where an import puts a package's media while it is
//! being checked, inside the library folder (so moving a checked file into
//! the media store is a rename on the same disk, never a second copy).
//!
//! A [`Staging`] folder is removed when it is dropped, whatever the outcome.
//! It holds a lock file for as long as it lives; a folder whose lock is free
//! was left by a crash and is removed the next time the library is opened
//! ([`clean_leftovers`]) — never one that another program is still using.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use fs4::FileExt;

use crate::error::{Error, Result};

pub const STAGING_DIR: &str = ".staging";
const LOCK_FILE: &str = ".lock";

pub struct Staging {
    dir: PathBuf,
    parent: PathBuf,
    lock: Option<File>,
}

impl Staging {
    pub fn new(library_root: &Path) -> Result<Staging> {
        let parent = library_root.join(STAGING_DIR);
        let dir = parent.join(format!("import-{}-{}", std::process::id(), uuid::Uuid::new_v4()));
        let not_writable =
            |source| Error::LibraryNotWritable { path: library_root.to_path_buf(), source };
        fs::create_dir_all(&dir).map_err(not_writable)?;
        let lock = File::create(dir.join(LOCK_FILE)).map_err(not_writable)?;
        let _ = FileExt::try_lock(&lock);
        Ok(Staging { dir, parent, lock: Some(lock) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A fresh file path inside the folder for entry number `n`.
    pub fn file(&self, n: usize) -> PathBuf {
        self.dir.join(format!("entry-{n}"))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Close (and unlock) first: Windows cannot delete an open file.
        drop(self.lock.take());
        let _ = fs::remove_dir_all(&self.dir);
        // Only when empty: another import may be staging beside us.
        let _ = fs::remove_dir(&self.parent);
    }
}

/// Removes staging folders that no living import holds.
pub fn clean_leftovers(library_root: &Path) {
    let parent = library_root.join(STAGING_DIR);
    let Ok(entries) = fs::read_dir(&parent) else { return };
    for entry in entries.flatten() {
        let dir = entry.path();
        let in_use = File::open(dir.join(LOCK_FILE))
            .ok()
            .map(|lock| match FileExt::try_lock(&lock) {
                Ok(()) => {
                    let _ = FileExt::unlock(&lock);
                    false
                }
                Err(_) => true,
            })
            .unwrap_or(false);
        if !in_use {
            let _ = fs::remove_dir_all(&dir);
        }
    }
    let _ = fs::remove_dir(&parent);
}
