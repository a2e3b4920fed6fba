//! Opening what a person asked to attach, with an error for each way it can
//! be wrong: missing, a folder, unreadable, a device, empty.

use std::fs::{File, Metadata};
use std::io::ErrorKind;
use std::path::Path;

use crate::error::{Error, Result};

/// An opened input: the file, and its size when it is a regular file (a
/// pipe has none and is streamed with an unknown total).
pub struct Input {
    pub file: File,
    pub len: Option<u64>,
}

pub fn open(path: &Path) -> Result<Input> {
    let file = File::open(path).map_err(|e| open_error(path, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::MediaUnreadable { path: path.to_path_buf(), source: e })?;
    if meta.is_dir() {
        return Err(Error::MediaIsDirectory { path: path.to_path_buf() });
    }
    if meta.is_file() {
        if meta.len() == 0 {
            return Err(Error::MediaEmptyFile { path: path.to_path_buf() });
        }
        return Ok(Input { file, len: Some(meta.len()) });
    }
    if is_pipe(&meta) {
        return Ok(Input { file, len: None });
    }
    Err(Error::MediaUnreadable {
        path: path.to_path_buf(),
        source: std::io::Error::other("not a regular file (a device or socket)"),
    })
}

fn open_error(path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        ErrorKind::NotFound => Error::MediaNotFound { path: path.to_path_buf() },
        // Windows refuses to open folders as files.
        _ if path.is_dir() => Error::MediaIsDirectory { path: path.to_path_buf() },
        _ => Error::MediaUnreadable { path: path.to_path_buf(), source: e },
    }
}

#[cfg(unix)]
fn is_pipe(meta: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &Metadata) -> bool {
    false
}
