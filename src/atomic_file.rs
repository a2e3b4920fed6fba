//! Writing a small file so that it is either all there or not there at all.
//!
//! A translator's file or a report written next to a trainer's own files
//! must never be left half-written by a full disk or a pulled stick: the
//! bytes go to `NAME.partial` in the same folder, are fsynced, and only then
//! renamed to `NAME` (and the folder synced). On any error the partial file
//! is removed. (Packages, which are large and streamed, follow the same rule
//! in `package::export`.)

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, replacing a file of that name.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let (dir, name) = folder_and_name(path);
    let dir = dir.as_path();
    let partial = dir.join(format!("{name}.partial"));
    let written = (|| {
        let mut file = std::fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(source) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(match source.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                Error::NotEnoughSpace {
                    path: dir.to_path_buf(),
                    needed: bytes.len() as u64,
                    available: fs4::available_space(dir).unwrap_or(0),
                }
            }
            std::io::ErrorKind::PermissionDenied
            | std::io::ErrorKind::ReadOnlyFilesystem
            | std::io::ErrorKind::NotFound => {
                Error::TargetNotWritable { path: dir.to_path_buf(), source }
            }
            _ => Error::Io { path: path.to_path_buf(), source },
        });
    }
    sync_dir(dir);
    Ok(())
}

/// The folder `path` is in (`.` for a bare name) and its file name: where
/// `NAME.partial` goes beside it.
pub(crate) fn folder_and_name(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (dir, name)
}

/// Makes renames in `dir` durable: on Unix the folder itself must be synced
/// too. Best effort (elsewhere, and when the folder cannot be opened).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_nothing_when_it_cannot() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("curso.en.xlf");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("curso.en.xlf")], "no partial file left");

        let err = write(&dir.path().join("no/such/folder/x.xlf"), b"x").unwrap_err();
        assert_eq!(err.code(), "target_not_writable");
    }
}
