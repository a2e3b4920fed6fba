//! Writes a package archive: streamed, deterministic, ZIP64 when needed.
//!
//! Determinism is what lets a trainer (and a test) check that two copies of
//! a course are the same package: entries sorted by path, every timestamp
//! 1980-01-01 00:00, permissions 0644, no extra fields, one compression level.
//! Media goes in *stored* (video and images are compressed already, and a
//! stored entry can be played straight from the unzipped folder); text is
//! deflated. File entries stream through a few 1 MiB buffers and are
//! checked on the way (on a second core, [`copy_checked`]), so an export
//! never holds a video in memory and never ships bytes that differ from
//! what the manifest promises. The disk writes behind the copy
//! (`media::flush_behind`), so the final fsync is short and dirty memory
//! stays small.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::progress::{Phase, Progress};
use crate::error::{Error, Result};
use crate::media::flush_behind::FlushBehind;
use crate::media::hashcopy::{copy_checking_crc32, copy_hashing, CopyError};

pub const CHUNK: usize = 1 << 20;
/// Entries at or above this size need ZIP64 headers (the 32-bit fields are saturated).
pub const ZIP32_MAX: u64 = 0xFFFF_FFFF;

/// Where an entry's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    Bytes(Vec<u8>),
    /// A media blob that must still have the entry's `size` bytes, checked
    /// against `crc32` when the library kept it as the bytes arrived, else
    /// against the entry's SHA-256.
    File {
        path: PathBuf,
        crc32: Option<u32>,
    },
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    pub source: Source,
    /// Deflate (text) or store (media).
    pub deflate: bool,
}

impl Entry {
    pub fn bytes(path: &str, bytes: Vec<u8>, deflate: bool) -> Entry {
        Entry {
            path: path.to_string(),
            size: bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(&bytes)),
            source: Source::Bytes(bytes),
            deflate,
        }
    }
}

/// Upper bound of the archive size: data (deflate can grow incompressible
/// input by a few bytes per 16 KiB block) plus local and central headers with
/// ZIP64 fields, plus the end records.
pub fn size_bound(entries: &[Entry]) -> u64 {
    entries
        .iter()
        .map(|e| {
            let data = if e.deflate { e.size + e.size / 16_384 * 5 + 64 } else { e.size };
            data + 2 * (e.path.len() as u64) + 30 + 46 + 2 * 32 + 16
        })
        .sum::<u64>()
        + 22
        + 56
        + 20
}

/// Writes `entries` (sorted here) to `out`, which must be a new file.
pub fn write_archive(
    out: &Path,
    entries: &mut [Entry],
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<()> {
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let io = |source: std::io::Error| write_error(out, source);
    let mut file = File::options().write(true).create_new(true).open(out).map_err(io)?;
    let abandoned = Cell::new(false);
    {
        // The disk writes while we copy and check (media::flush_behind), so
        // the fsync at the end does not write a whole video on its own.
        let sink = Abandonable { inner: FlushBehind::new(&mut file), abandoned: &abandoned };
        let mut zip = ZipWriter::new(BufWriter::with_capacity(CHUNK, sink));
        if let Err(e) = write_entries(&mut zip, entries, out, progress) {
            abandoned.set(true);
            return Err(e);
        }
        let mut writer = zip.finish().map_err(|e| zip_error(out, e))?;
        writer.flush().map_err(io)?;
    }
    file.sync_all().map_err(io)
}

type Zip<'a> = ZipWriter<BufWriter<Abandonable<'a, FlushBehind<'a>>>>;

fn write_entries(
    zip: &mut Zip,
    entries: &mut [Entry],
    out: &Path,
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
) -> Result<()> {
    let total: u64 = entries.iter().map(|e| e.size).sum();
    let io = |source: std::io::Error| write_error(out, source);
    let mut done = 0u64;
    for entry in entries.iter_mut() {
        let options = SimpleFileOptions::DEFAULT
            .compression_method(if entry.deflate {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            })
            .compression_level(if entry.deflate { Some(6) } else { None })
            .last_modified_time(DateTime::DEFAULT)
            .unix_permissions(0o644)
            .large_file(entry.size >= ZIP32_MAX);
        zip.start_file(entry.path.as_str(), options).map_err(|e| zip_error(out, e))?;
        match &mut entry.source {
            Source::Bytes(bytes) => {
                for chunk in bytes.chunks(CHUNK) {
                    zip.write_all(chunk).map_err(io)?;
                    done += chunk.len() as u64;
                    report(progress, &entry.path, done, total)?;
                }
            }
            Source::File { path, crc32 } => {
                let start = done;
                let learned = copy_checked(
                    entry.size,
                    &entry.sha256,
                    path,
                    *crc32,
                    &mut *zip,
                    io,
                    &mut |so_far| {
                        progress(Progress {
                            phase: Phase::Writing,
                            entry: entry.path.clone(),
                            done: start + so_far,
                            total,
                        })
                    },
                )?;
                *crc32 = crc32.or(learned);
                done += entry.size;
            }
        }
        report(progress, &entry.path, done, total)?;
    }
    Ok(())
}

/// The zip writer finishes the archive when it is dropped unfinished, and
/// prints to stderr when that fails (a full stick). After an error or a
/// cancel the partial file is deleted anyway, so from then on (and from the
/// first failed write on) its writes go nowhere: the file position still
/// moves, so the zip writer's arithmetic stays sound, and nothing is
/// printed over our own message.
struct Abandonable<'a, W> {
    inner: W,
    abandoned: &'a Cell<bool>,
}

impl<W: Write + Seek> Write for Abandonable<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.abandoned.get() {
            self.inner.seek(SeekFrom::Current(buf.len() as i64))?;
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        if written.is_err() {
            self.abandoned.set(true);
        }
        written
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.abandoned.get() {
            return Ok(());
        }
        self.inner.flush()
    }
}

impl<W: Seek> Seek for Abandonable<'_, W> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}

/// Copies a media blob into `out`, checking on a second core
/// (`media::hashcopy`) that its bytes are still the ones the manifest
/// promises: a damaged blob never ships. With the CRC-32 kept since the
/// bytes arrived (where they were checked against their SHA-256) the check
/// costs next to nothing; a blob stored before CRC-32s were kept is
/// re-hashed with SHA-256 instead, and its CRC-32, learnt on the way, is
/// returned for the library to keep. `write_error` names the target in the
/// error when writing fails; `progress` gets this entry's bytes so far.
pub fn copy_checked(
    size: u64,
    sha256: &str,
    from: &Path,
    crc32: Option<u32>,
    out: &mut dyn Write,
    write_error: impl Fn(std::io::Error) -> Error,
    progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
) -> Result<Option<u32>> {
    let changed = || Error::ExportSourceChanged { path: from.to_path_buf() };
    let file = File::open(from).map_err(|_| changed())?;
    // One byte more than promised is enough to tell a grown file.
    let mut limited = file.take(size + 1);
    let mut report = |p: crate::media::Progress| progress(p.done);
    let checked = match crc32 {
        Some(expected) => copy_checking_crc32(&mut limited, out, Some(size), &mut report)
            .map(|(crc, copied)| (crc == expected && copied == size, None)),
        None => copy_hashing(&mut limited, out, Some(size), &mut report)
            .map(|copied| (copied.sha256 == sha256 && copied.size == size, Some(copied.crc32))),
    };
    match checked {
        Ok((true, learned)) => Ok(learned),
        Ok((false, _)) | Err(CopyError::Read(_)) => Err(changed()),
        Err(CopyError::Cancelled) => Err(Error::Cancelled),
        Err(CopyError::Write(e)) => Err(write_error(e)),
    }
}

fn report(
    progress: &mut dyn FnMut(Progress) -> ControlFlow<()>,
    entry: &str,
    done: u64,
    total: u64,
) -> Result<()> {
    let p = Progress { phase: Phase::Writing, entry: entry.to_string(), done, total };
    if progress(p).is_break() {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    match source.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            Error::DiskFull { path: path.parent().unwrap_or(path).to_path_buf() }
        }
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Error::LibraryNotWritable { path: path.parent().unwrap_or(path).to_path_buf(), source }
        }
        _ => Error::Io { path: path.to_path_buf(), source },
    }
}

fn zip_error(path: &Path, e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(source) => write_error(path, source),
        other => Error::Internal(format!("writing {}: {other}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::rc::Rc;

    use super::*;

    /// A disk that fills up after `room` bytes, counting the writes it is
    /// asked for once full.
    struct FullDisk {
        data: Cursor<Vec<u8>>,
        room: u64,
        writes_when_full: Rc<Cell<usize>>,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.data.position() + buf.len() as u64 > self.room {
                self.writes_when_full.set(self.writes_when_full.get() + 1);
                return Err(std::io::ErrorKind::StorageFull.into());
            }
            self.data.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for FullDisk {
        fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
            self.data.seek(to)
        }
    }

    /// After the first failed write nothing more reaches the disk, so the
    /// zip writer finishing the abandoned archive (on drop) succeeds and
    /// prints nothing.
    #[test]
    fn an_abandoned_archive_writes_nothing_more() {
        let abandoned = Cell::new(false);
        let writes_when_full = Rc::new(Cell::new(0));
        let disk = FullDisk {
            data: Cursor::new(Vec::new()),
            room: 4096,
            writes_when_full: writes_when_full.clone(),
        };
        let mut zip = ZipWriter::new(Abandonable { inner: disk, abandoned: &abandoned });
        zip.start_file(
            "media/video.mp4",
            SimpleFileOptions::DEFAULT.compression_method(CompressionMethod::Stored),
        )
        .unwrap();
        let err = zip.write_all(&[7u8; 10_000]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        assert!(abandoned.get());
        assert_eq!(writes_when_full.get(), 1);
        zip.finish().expect("finishing an abandoned archive goes nowhere, without an error");
        assert_eq!(writes_when_full.get(), 1, "nothing more was written");
    }
}
