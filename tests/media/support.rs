//! Shared helpers: a library with a course, fixture paths, a snapshot that
//! proves a refused operation changed nothing, a reader that fails, and a
//! small tmpfs for full-disk tests.

use std::io::Read;
use std::path::{Path, PathBuf};

use juntos::media::{no_progress, MediaItem};
use juntos::model::{Lang, NewCourse};
use juntos::Library;
use tempfile::TempDir;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media").join(name)
}

/// A fresh library (sample course removed) with one course "Eleições".
pub fn library_with_course() -> (TempDir, Library, String) {
    let dir = tempfile::tempdir().unwrap();
    let (lib, course) = open_with_course(dir.path());
    (dir, lib, course)
}

pub fn open_with_course(root: &Path) -> (Library, String) {
    let mut lib = Library::open(root).unwrap();
    for c in lib.list_courses().unwrap() {
        lib.delete_course(&c.id).unwrap();
    }
    let course = lib
        .create_course(NewCourse {
            title: "Eleições".into(),
            lang: Some(Lang::Pt),
            ..Default::default()
        })
        .unwrap();
    (lib, course.id)
}

pub fn attach(lib: &mut Library, course: &str, fixture_name: &str) -> MediaItem {
    lib.attach_media(course, &fixture(fixture_name), None, no_progress).unwrap()
}

/// Everything a person could see of the library's state: courses with their
/// revisions, media rows with captions, and every file under `media/`.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    courses: Vec<(String, i64)>,
    media: Vec<Vec<MediaItem>>,
    files: Vec<(String, u64)>,
}

pub fn snapshot(lib: &Library) -> Snapshot {
    let courses: Vec<(String, i64)> =
        lib.list_courses().unwrap().into_iter().map(|c| (c.id, c.revision)).collect();
    let media = courses.iter().map(|(id, _)| lib.list_media(id).unwrap()).collect();
    Snapshot { courses, media, files: files_under(&lib.media_dir()) }
}

/// (relative path, size) of every file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    collect(dir, dir, &mut out);
    out.sort();
    out
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let size = path.metadata().map(|m| m.len()).unwrap_or(0);
            out.push((path.strip_prefix(root).unwrap().to_string_lossy().into_owned(), size));
        }
    }
}

/// Temp files in the media folder (there must be none after any attach).
pub fn temp_files(lib: &Library) -> Vec<String> {
    files_under(&lib.media_dir())
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with(".incoming-"))
        .collect()
}

/// Yields `data`, then fails with an I/O error after `fail_after` bytes —
/// a USB stick pulled out, a failing SD card.
pub struct FailingReader {
    pub data: Vec<u8>,
    pub pos: usize,
    pub fail_after: usize,
}

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= self.fail_after {
            return Err(std::io::Error::other("simulated: device removed"));
        }
        let n =
            buf.len().min(self.fail_after - self.pos).min(self.data.len().saturating_sub(self.pos));
        if n == 0 {
            return Err(std::io::Error::other("simulated: device removed"));
        }
        buf[..n].copy_from_slice(&self.data[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[path = "../common/sparse_mp4.rs"]
mod sparse_mp4;

/// A "large video" that costs no disk until copied (`grande.mp4` in `dir`,
/// see `tests/common/sparse_mp4.rs`).
pub fn large_mp4(dir: &Path, size: u64) -> PathBuf {
    let path = dir.join("grande.mp4");
    sparse_mp4::sparse_mp4(&path, size, 0);
    path
}

#[path = "../common/small_disk.rs"]
mod small_disk;
pub use small_disk::{cannot_run, is_root, SmallDisk};
